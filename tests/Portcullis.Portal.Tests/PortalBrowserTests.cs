using Microsoft.Playwright;
using Portcullis.Testing;

namespace Portcullis.Portal.Tests;

/// <summary>
/// The portal in a real browser: sign-in with password and a security key (a CTAP2 virtual authenticator in Chromium),
/// the dashboard, sign-out, and the generic answer to a wrong password. Every request the browser makes must go to the
/// gate's own origin. Screenshots go to <c>screenshots/</c> beside the test assembly.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class PortalBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private TestGate _gate = null!;
    private IBrowserContext? _context;

    public async Task InitializeAsync()
    {
        _gate = await PortalGate.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        await _gate.DisposeAsync();
    }

    [SkippableFact]
    public async Task SignIn_WithPasswordAndSecurityKey_ShowsTheDashboard_AndEveryRequestStaysOnTheOrigin()
    {
        var page = await NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        var alice = await _gate.CreateUserAsync("alice");
        var account = await _gate.OpenFundedAccountAsync(alice.Id, "Alice trading", 25_000m);
        var key = await VirtualAuthenticator.AddAsync(page);
        await page.GotoAsync(Url("/sign-in"));
        using (var client = _gate.CreateClient())
        {
            var password = (await _gate.SignInAsync(client, "alice")).GetProperty("token").GetString()!;
            var factor = await VirtualAuthenticator.RegisterThroughApiAsync(page, password);
            Assert.Equal("webauthn", factor.GetProperty("kind").GetString());
        }

        Assert.Equal(1, await key.CountCredentialsAsync());

        await page.GetByLabel("Username").FillAsync("alice");
        await page.GetByLabel("Password").FillAsync(TestGate.StrongPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Security key or passkey" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "sign-in-second-factor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use security key" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your accounts" })).ToBeVisibleAsync();
        Assert.Equal(Url("/"), page.Url);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alice trading" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "USD 25,000.00 25,000.00" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText($"No. {account.Number}")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "dashboard");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "dashboard-phone");
        var audit = await _gate.ReadAuditAsync();
        using (var data = System.Text.Json.JsonDocument.Parse(audit.Last(e => e.Type == "signin.succeeded").Data))
        {
            Assert.Equal("password+webauthn", data.RootElement.GetProperty("method").GetString());
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your session has ended. Sign in again to continue.")).ToBeVisibleAsync();
        await page.GotoAsync(Url("/"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        Assert.NotEmpty(requests);
        var origin = _gate.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.All(requests, url => Assert.StartsWith(origin + "/", url, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task AWrongPassword_AndAnUnknownUser_GetTheSameMessage_SayingWhatToDo()
    {
        var page = await NewPageAsync();
        await _gate.CreateUserAsync("bob");

        var wrongPassword = await SignInErrorAsync(page, "bob", "not-the-password-at-all");
        var unknownUser = await SignInErrorAsync(page, "nobody-here", TestGate.StrongPassword);

        Assert.Equal(wrongPassword, unknownUser);
        Assert.StartsWith("The username or password is not right. Check both and try again.", wrongPassword, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByLabel("Username")).ToHaveValueAsync("nobody-here");
        await Assertions.Expect(page.GetByLabel("Password")).ToHaveValueAsync("");
        await ScreenshotAsync(page, "sign-in-refused");
    }

    private async Task<string> SignInErrorAsync(IPage page, string username, string password)
    {
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToBeVisibleAsync();
        return await alert.InnerTextAsync();
    }

    private async Task<IPage> NewPageAsync()
    {
        Skip.If(browser.Skip is not null, browser.Skip);
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        return await _context.NewPageAsync();
    }

    private string Url(string path) => new Uri(_gate.BaseAddress, path).ToString();

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
