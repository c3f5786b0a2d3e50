using Microsoft.Playwright;
using Portcullis.Testing;

namespace Portcullis.Portal.Tests;

/// <summary>
/// A class of portal browser tests: a fresh gate on <c>http://localhost:PORT</c> per test (<see cref="PortalGate"/>), pages in
/// browser contexts of their own (own cookies, so two contexts are two browsers) that are closed after the test, and the
/// shared Chromium of the collection. A test reports itself skipped with the reason when Chromium is absent.
/// </summary>
public abstract class PortalBrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    /// <summary>The test's gate; a test that needs other settings may dispose it and start another.</summary>
    protected TestGate Gate { get; set; } = null!;

    public async Task InitializeAsync() => Gate = await StartGateAsync();

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        await Gate.DisposeAsync();
    }

    /// <summary>The gate each test runs against; override for other settings.</summary>
    protected virtual Task<TestGate> StartGateAsync() => PortalGate.StartAsync();

    /// <summary>A new browser context at desktop size (1280 × 900), closed after the test.</summary>
    protected async Task<IBrowserContext> NewContextAsync(bool acceptDownloads = false, bool javaScript = true)
    {
        Skip.If(browser.Skip is not null, browser.Skip);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = acceptDownloads,
            JavaScriptEnabled = javaScript,
        });
        _contexts.Add(context);
        return context;
    }

    /// <summary>A page in a new browser context (see <see cref="NewContextAsync"/>).</summary>
    protected async Task<IPage> NewPageAsync(bool acceptDownloads = false) => await (await NewContextAsync(acceptDownloads)).NewPageAsync();

    /// <summary>A page in a new browser context whose requests are recorded (<see cref="RequestLog"/>).</summary>
    protected async Task<(IPage Page, RequestLog Requests)> NewRecordedPageAsync(bool javaScript = true)
    {
        var context = await NewContextAsync(javaScript: javaScript);
        var requests = RequestLog.Record(context);
        return (await context.NewPageAsync(), requests);
    }

    protected string Url(string path) => PortalSteps.Url(Gate, path);

    protected static Task ScreenshotAsync(IPage page, string name) => PortalSteps.ScreenshotAsync(page, name);
}
