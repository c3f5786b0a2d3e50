using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portcullis.Testing;

namespace Portcullis.Portal.Tests;

/// <summary>
/// Issue 8's acceptance as a new user meets it: the real <c>portcullis demo</c> process (its own store, real clock), its
/// printed address opened in Chromium, the printed one-time password, a password of one's own, a security key enrolled on
/// the factors page, a small and a large order (the first asks for the new key in place), and an API key created — with no
/// raw exception or bare code on any page, no CSP violation, and every request on the demo's own origin.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class DemoBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string NewPassword = "correct-fjord-lantern-quartz-7";
    private readonly TempDirectory _folder = new();
    private PortcullisProcess? _demo;
    private IBrowserContext? _context;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        if (_demo is not null)
        {
            await _demo.DisposeAsync();
        }

        _folder.Dispose();
    }

    [SkippableFact]
    public async Task TheDemo_SignIn_SecurityKey_SmallAndLargeOrder_ApiKey_WithoutADeadEnd()
    {
        Skip.If(browser.Skip is not null, browser.Skip);
        _demo = await PortcullisProcess.StartAsync(
            ["demo", "--urls", $"http://localhost:{PortalGate.FreePort()}", "--data-dir", Path.Combine(_folder.Path, "data")],
            _folder.Path, waitForPassword: true);
        var origin = _demo.Url.GetLeftPart(UriPartial.Authority);
        Assert.Equal("localhost", _demo.Url.Host);
        Assert.Contains($"Portal: open {origin}/ in a browser", _demo.Output, StringComparison.Ordinal);

        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var requests = RequestLog.Record(_context);
        var page = await _context.NewPageAsync();
        var violations = PortalSteps.WatchCspViolations(page);
        var key = await VirtualAuthenticator.AddAsync(page);

        // The printed address, the printed one-time password, then a password of one's own.
        await page.GotoAsync(origin + "/");
        await page.GetByLabel("Username").FillAsync("demo");
        await page.GetByLabel("Password").FillAsync(_demo.OneTimePassword!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByLabel("Current password").FillAsync(_demo.OneTimePassword!);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("New password again").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your password was changed.")).ToBeVisibleAsync();
        await AssertNoRawErrorAsync(page);

        // A security key, enrolled from the security section.
        await page.GetByRole(AriaRole.Link, new() { Name = "Security", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign-in factors", Exact = true }).ClickAsync();
        await page.GetByLabel("Name for the key").FillAsync("Blue key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add security key" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Register security key" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your security key was added. Use it the next time you sign in.");
        Assert.Equal(1, await key.CountCredentialsAsync());
        await AssertNoRawErrorAsync(page);

        // The first order: the session was opened with the password alone, and any order needs a second factor (the
        // default policy's "orders" rule), so the ticket asks for the new key in place, then the order is placed.
        await page.GetByRole(AriaRole.Link, new() { Name = "Trade", Exact = true }).ClickAsync();
        await page.GetByLabel("Symbol").FillAsync("AAPL");
        await page.GetByLabel("Quantity").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm it is you" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#trade-error")).ToContainTextAsync("Confirm it is you with a security key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use security key" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Confirmed: it is you.");
        await Assertions.Expect(page.GetByLabel("Quantity")).ToHaveValueAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your order was placed and filled.");

        // A large one (over the "large-order" threshold) now goes through: the key was proven within the last five minutes.
        await page.GetByLabel("Symbol").FillAsync("AAPL");
        await page.GetByLabel("Quantity").FillAsync("2000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your order was placed and filled.");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^AAPL buy market 2000 [0-9,.]+ filled$") })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^AAPL buy market 10 [0-9,.]+ filled$") })).ToBeVisibleAsync();
        await AssertNoRawErrorAsync(page);

        // An API key for a bot, its private key shown once.
        await page.GetByRole(AriaRole.Link, new() { Name = "Security", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys", Exact = true }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Demo bot");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Key created: Demo bot" })).ToBeVisibleAsync();
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", await page.GetByLabel("Private key (PKCS#8 PEM)").InputValueAsync(), StringComparison.Ordinal);
        await AssertNoRawErrorAsync(page);

        Assert.Empty(violations);
        requests.AssertAllLocal(_demo.Url);
    }

    /// <summary>No stack trace, exception name or bare problem code where a person reads the page.</summary>
    private static async Task AssertNoRawErrorAsync(IPage page)
    {
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"^\s*[a-z_]+\.[a-z_]+\s*$", RegexOptions.Multiline), text);
    }
}
