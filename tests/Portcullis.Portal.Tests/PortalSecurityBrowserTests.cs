using Microsoft.Playwright;
using Portcullis.Core.Factors.Totp;
using Portcullis.Testing;

namespace Portcullis.Portal.Tests;

/// <summary>
/// The security pages in a real browser: the sessions page lists the user's sessions, signs out another browser's
/// session (whose next page load lands on sign-in), and signs out everywhere.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class PortalSecurityBrowserTests(BrowserFixture browser) : PortalBrowserTest(browser)
{

    [SkippableFact]
    public async Task TheSessionsPage_SignsOutAnotherBrowser_WhoseNextPageLoadLandsOnSignIn()
    {
        var first = await NewPageAsync();
        var second = await NewPageAsync();
        await Gate.CreateUserAsync("erin");
        var secret = await Gate.EnrolTotpAsync("erin", nextTimeStep: false);
        await SignInAsync(first, "erin", secret);
        await SignInAsync(second, "erin", secret);

        await first.GetByRole(AriaRole.Link, new() { Name = "Security" }).ClickAsync();
        await first.GetByRole(AriaRole.Link, new() { Name = "Sessions", Exact = true }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Heading, new() { Name = "Your sessions" })).ToBeVisibleAsync();
        var browserRows = first.Locator("tbody tr").Filter(new() { HasText = "Browser" });
        await Assertions.Expect(browserRows).ToHaveCountAsync(2);
        var mine = browserRows.Filter(new() { HasText = "(this session)" });
        var other = browserRows.Filter(new() { HasNotText = "(this session)" });
        await Assertions.Expect(mine).ToHaveCountAsync(1);
        await Assertions.Expect(other).ToHaveCountAsync(1);
        await ScreenshotAsync(first, "security-sessions");
        await first.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(first, "security-sessions-phone");
        await first.SetViewportSizeAsync(1280, 900);

        await other.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Status)).ToHaveTextAsync(
            "The session was signed out. The browser or app that used it has to sign in again.");
        await Assertions.Expect(first.Locator("tbody tr").Filter(new() { HasText = "Browser" })).ToHaveCountAsync(1);
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "session.revoked");

        await second.ReloadAsync();
        await Assertions.Expect(second.GetByLabel("Username")).ToBeVisibleAsync();
        Assert.StartsWith(Url("/sign-in"), second.Url, StringComparison.Ordinal);

        await first.ReloadAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Heading, new() { Name = "Your sessions" })).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task SignOutEverywhere_EndsEverySession_ThisOneIncluded()
    {
        var first = await NewPageAsync();
        var second = await NewPageAsync();
        await Gate.CreateUserAsync("frank");
        var secret = await Gate.EnrolTotpAsync("frank", nextTimeStep: false);
        await SignInAsync(first, "frank", secret);
        await SignInAsync(second, "frank", secret);

        await first.GotoAsync(Url("/security/sessions"));
        await first.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your session has ended. Sign in again to continue.");
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "session.revoked" || e.Type == "sessions.revoked");

        await second.ReloadAsync();
        await Assertions.Expect(second.GetByLabel("Username")).ToBeVisibleAsync();
        await first.GotoAsync(Url("/security/sessions"));
        await Assertions.Expect(first.GetByLabel("Username")).ToBeVisibleAsync();
    }

    /// <summary>Signs in with password and authenticator-app code; each sign-in uses the next 30-second code.</summary>
    private async Task SignInAsync(IPage page, string username, byte[] secret)
    {
        Gate.Time.Advance(TimeSpan.FromSeconds(30));
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(TestGate.StrongPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByLabel("6-digit code from your authenticator app").FillAsync(TotpCode.Compute(secret, Gate.Time.GetUtcNow()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify code" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Security" })).ToBeVisibleAsync();
    }

}
