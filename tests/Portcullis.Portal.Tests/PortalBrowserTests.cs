using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portcullis.Core.Factors.Totp;
using Portcullis.Core.Users;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Orders;
using Portcullis.Testing;

namespace Portcullis.Portal.Tests;

/// <summary>
/// The portal in a real browser: sign-in with password and a security key (a CTAP2 virtual authenticator in Chromium),
/// the dashboard, sign-out, and the generic answer to a wrong password. Every request the browser makes must go to the
/// gate's own origin. Screenshots go to <c>screenshots/</c> beside the test assembly.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class PortalBrowserTests(BrowserFixture browser) : PortalBrowserTest(browser)
{

    [SkippableFact]
    public async Task SignIn_WithPasswordAndSecurityKey_ShowsTheDashboard_AndEveryRequestStaysOnTheOrigin()
    {
        var page = await NewPageAsync();
        var requests = RequestLog.Record(page.Context);
        var alice = await Gate.CreateUserAsync("alice");
        var account = await Gate.OpenFundedAccountAsync(alice.Id, "Alice trading", 25_000m);
        var key = await VirtualAuthenticator.AddAsync(page);
        await page.GotoAsync(Url("/sign-in"));
        using (var client = Gate.CreateClient())
        {
            var password = (await Gate.SignInAsync(client, "alice")).GetProperty("token").GetString()!;
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
        var recent = page.GetByRole(AriaRole.Region, new() { Name = "Recent activity" });
        await Assertions.Expect(recent.GetByRole(AriaRole.Listitem).First).ToContainTextAsync("Signed in");
        await Assertions.Expect(recent.GetByRole(AriaRole.Link, new() { Name = "All activity" })).ToHaveAttributeAsync("href", "/activity");
        await ScreenshotAsync(page, "dashboard");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "dashboard-phone");
        var audit = await Gate.ReadAuditAsync();
        using (var data = JsonDocument.Parse(audit.Last(e => e.Type == "signin.succeeded").Data))
        {
            Assert.Equal("password+webauthn", data.RootElement.GetProperty("method").GetString());
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your session has ended. Sign in again to continue.")).ToBeVisibleAsync();
        await page.GotoAsync(Url("/"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        Assert.DoesNotContain(TestGate.StrongPassword, Gate.Logs.All, StringComparison.Ordinal);
        requests.AssertAllLocal(Gate.BaseAddress);
    }

    [SkippableFact]
    public async Task AWrongPassword_AndAnUnknownUser_GetTheSameMessage_SayingWhatToDo()
    {
        var page = await NewPageAsync();
        await Gate.CreateUserAsync("bob");

        var wrongPassword = await SignInErrorAsync(page, "bob", "not-the-password-at-all");
        var unknownUser = await SignInErrorAsync(page, "nobody-here", TestGate.StrongPassword);

        Assert.Equal(wrongPassword, unknownUser);
        Assert.StartsWith("The username or password is not right. Check both and try again.", wrongPassword, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByLabel("Username")).ToHaveValueAsync("nobody-here");
        await Assertions.Expect(page.GetByLabel("Password")).ToHaveValueAsync("");
        await ScreenshotAsync(page, "sign-in-refused");
    }

    [SkippableFact]
    public async Task SignIn_WithPasswordAndAnAuthenticatorAppCode_ShowsTheDashboard_AndAWrongCodeSaysWhatToDo()
    {
        var page = await NewPageAsync();
        var carol = await Gate.CreateUserAsync("carol");
        var savings = await Gate.OpenFundedAccountAsync(carol.Id, "Carol savings", 100_000m);
        var bought = await Gate.Services.GetRequiredService<IBrokerageBackend>().PlaceOrderAsync(savings.Id,
            new OrderRequest("AAPL", "buy", "market", 5), null, CancellationToken.None);
        Assert.True(bought.IsSuccess);
        await Gate.Services.GetRequiredService<ILedgerAdministration>().ProcessPricesAsync(CancellationToken.None); // fills the market order
        byte[] secret;
        using (var client = Gate.CreateClient())
        {
            secret = await Gate.EnrolTotpAsync("carol", nextTimeStep: false);
        }

        Gate.Time.Advance(TimeSpan.FromSeconds(30));
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("Username").FillAsync("carol");
        await page.GetByLabel("Password").FillAsync(TestGate.StrongPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Authenticator app" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Use security key" })).ToHaveCountAsync(0);

        var now = Gate.Time.GetUtcNow();
        var right = TotpCode.Compute(secret, now);
        var near = new[] { -60, -30, 0, 30, 60 }.Select(s => TotpCode.Compute(secret, now.AddSeconds(s))).ToHashSet();
        var wrong = new[] { "000000", "111111", "222222", "333333", "444444", "555555" }.First(c => !near.Contains(c));
        await page.GetByLabel("6-digit code from your authenticator app").FillAsync(wrong);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify code" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "That second factor was not accepted. Try again: check that the code is the current one, or use another of your factors.");
        await ScreenshotAsync(page, "sign-in-wrong-code");

        await page.GetByLabel("6-digit code from your authenticator app").FillAsync(right);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify code" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Carol savings" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^USD [0-9,.]+ [0-9,.]+$") })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^AAPL 5 [0-9,.]+ USD [0-9,.]+ USD$") })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "dashboard-with-position");
    }

    [SkippableFact]
    public async Task AOneTimePassword_LeadsToThePasswordPage_ThenToTheDashboard()
    {
        var page = await NewPageAsync();
        var created = await Gate.Services.GetRequiredService<UserService>().CreateAsync(
            new NewUser("dave", "Dave", UserRole.AccountHolder, null), "test", CancellationToken.None);
        Assert.True(created.IsSuccess);
        var oneTime = created.Value.OneTimePassword!;
        await Gate.OpenFundedAccountAsync(created.Value.User.Id, "Dave main", 10m);

        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("Username").FillAsync("dave");
        await page.GetByLabel("Password").FillAsync(oneTime);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByText("You signed in with a one-time password. Choose your own password to continue.")).ToBeVisibleAsync();
        Assert.Equal(Url("/password"), page.Url);

        await page.GetByLabel("Current password").FillAsync(oneTime);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(TestGate.StrongPassword);
        await page.GetByLabel("New password again").FillAsync(TestGate.StrongPassword + "x");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "The new password and its confirmation differ. Type the new password twice, exactly the same.");

        await page.GetByLabel("Current password").FillAsync(oneTime);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(TestGate.StrongPassword);
        await page.GetByLabel("New password again").FillAsync(TestGate.StrongPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your password was changed. Your other sessions were signed out.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dave main" })).ToBeVisibleAsync();
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "password.changed");
        Assert.DoesNotContain(oneTime, Gate.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(TestGate.StrongPassword, Gate.Logs.All, StringComparison.Ordinal);
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

}
