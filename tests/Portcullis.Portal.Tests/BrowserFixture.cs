using Microsoft.Playwright;

namespace Portcullis.Portal.Tests;

/// <summary>
/// One Chromium for a test collection: Debian's <c>/usr/bin/chromium</c> driven by Playwright (never a downloaded
/// browser), headless, with everything that would reach the network on its own switched off. When Chromium is not
/// installed, <see cref="Skip"/> says so and the tests report themselves skipped (CI installs it: <c>.ci/run</c>).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Why the browser tests cannot run here, or <c>null</c> when they can.</summary>
    public string? Skip { get; private set; }

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(Skip ?? "The browser has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Skip = $"Chromium is not installed at {ChromiumPath} (apt-get install chromium; .ci/run installs it).";
            return;
        }

        // A loaded CI machine (two shared cores) can take a while to render a first page: wait for what a test expects long enough.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
