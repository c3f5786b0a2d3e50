using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using Portcullis.Core.Factors.RecoveryCodes;
using Portcullis.Testing;
using static Portcullis.Portal.Tests.PortalSteps;

namespace Portcullis.Portal.Tests;

/// <summary>
/// The sign-in factors page in a real browser: an authenticator app enrolled from the secret the page shows and confirmed
/// with a code, then used to sign in; a security key registered from the page (a CTAP2 virtual authenticator) and used to
/// sign in; recovery codes shown once; a removal that needs a fresh proof explained in words; the last strong factor kept.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class FactorsBrowserTests(BrowserFixture browser) : PortalBrowserTest(browser)
{

    [SkippableFact]
    public async Task AnAuthenticatorApp_EnrolledFromTheShownSecret_SignsIn()
    {
        var page = await NewPageAsync();
        var violations = WatchCspViolations(page);
        await Gate.CreateUserAsync("grace");
        await SignInWithPasswordAsync(Gate, page, "grace");

        await page.GetByRole(AriaRole.Link, new() { Name = "Security" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign-in factors", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign-in factors" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("No second factor yet: add one below.")).ToBeVisibleAsync();
        await page.GetByLabel("Name for the app").FillAsync("Phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add authenticator app" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Finish adding your authenticator app" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" })).ToBeVisibleAsync();
        var shown = await page.Locator("#totp-secret").InnerTextAsync();
        var secret = Base32Encoding.ToBytes(shown.Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(20, secret.Length);
        Assert.DoesNotContain(shown.Replace(" ", "", StringComparison.Ordinal), page.Url, StringComparison.Ordinal);
        await ScreenshotAsync(page, "security-factors-totp");

        await page.GetByLabel("6-digit code the app now shows").FillAsync(Code(Gate, secret));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and add" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your authenticator app was added. Use it the next time you sign in.");
        var row = page.Locator("tbody tr").Filter(new() { HasText = "Authenticator app (code)" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync("Phone");
        await Assertions.Expect(page.Locator("#totp-secret")).ToHaveCountAsync(0);
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "factor.bound");

        // Removing it needs a fresh second-factor proof this password-only session does not have: the page says what to do.
        await row.GetByRole(AriaRole.Button, new() { Name = "Remove Phone" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was changed: this needs a fresh proof that it is you");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Confirm it's you with the link below");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Confirm it's you with your security key" }))
            .ToHaveAttributeAsync("href", "/security/confirm?return=%2Fsecurity%2Ffactors&operation=factor.remove");
        await Assertions.Expect(row).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await SignInWithTotpAsync(Gate, page, "grace", secret);
        using (var data = JsonDocument.Parse((await Gate.ReadAuditAsync()).Last(e => e.Type == "signin.succeeded").Data))
        {
            Assert.Equal("password+totp", data.RootElement.GetProperty("method").GetString());
        }

        // With a fresh proof the removal passes the policy, and the rule that the last strong factor stays is explained.
        await page.GotoAsync(Url("/security/factors"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Phone" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "That is your last security key or authenticator: it cannot be removed. Add another one first, then remove this one.");

        await page.GetByLabel("New name for Phone").FillAsync("Old phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename Phone" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The factor was renamed.");
        await Assertions.Expect(page.Locator("tbody tr").GetByRole(AriaRole.Rowheader)).ToHaveTextAsync("Old phone");
        Assert.Empty(violations);
    }

    [SkippableFact]
    public async Task ASecurityKey_AddedOnThePage_SignsIn()
    {
        var page = await NewPageAsync();
        var violations = WatchCspViolations(page);
        await Gate.CreateUserAsync("heidi");
        var key = await VirtualAuthenticator.AddAsync(page);
        await SignInWithPasswordAsync(Gate, page, "heidi");

        await page.GotoAsync(Url("/security/factors"));
        await page.GetByLabel("Name for the key").FillAsync("Blue key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add security key" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Finish adding your security key" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Register security key" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your security key was added. Use it the next time you sign in.");
        var row = page.Locator("tbody tr").Filter(new() { HasText = "Security key or passkey" });
        await Assertions.Expect(row.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync("Blue key");
        Assert.Equal(1, await key.CountCredentialsAsync());
        await ScreenshotAsync(page, "security-factors");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "security-factors-phone");
        await page.SetViewportSizeAsync(1280, 900);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("Username").FillAsync("heidi");
        await page.GetByLabel("Password").FillAsync(TestGate.StrongPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Use security key" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your accounts" })).ToBeVisibleAsync();
        using (var data = JsonDocument.Parse((await Gate.ReadAuditAsync()).Last(e => e.Type == "signin.succeeded").Data))
        {
            Assert.Equal("password+webauthn", data.RootElement.GetProperty("method").GetString());
        }

        Assert.Empty(violations);
    }

    [SkippableFact]
    public async Task RecoveryCodes_AreShownOnce_AndTheCountStays()
    {
        var page = await NewPageAsync();
        await Gate.CreateUserAsync("ivan");
        var secret = await Gate.EnrolTotpAsync("ivan", nextTimeStep: false);
        await SignInWithTotpAsync(Gate, page, "ivan", secret);

        await page.GotoAsync(Url("/security/factors"));
        await Assertions.Expect(page.Locator("#recovery-status")).ToContainTextAsync("You have no recovery codes.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate new recovery codes" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your new recovery codes" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Store these now.")).ToBeVisibleAsync();
        var codes = page.Locator("#recovery-codes li");
        await Assertions.Expect(codes).ToHaveCountAsync(10);
        var first = await codes.First.InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(first));
        await Assertions.Expect(page.Locator("#recovery-status")).ToContainTextAsync("Recovery codes left: 10.");
        await ScreenshotAsync(page, "security-factors-recovery-codes");

        await page.GotoAsync(Url("/security/factors"));
        await Assertions.Expect(page.Locator("#recovery-status")).ToContainTextAsync("Recovery codes left: 10.");
        await Assertions.Expect(page.Locator("#recovery-codes")).ToHaveCountAsync(0);
        Assert.DoesNotContain(first, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(first, page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(first, Gate.Logs.All, StringComparison.Ordinal);
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type.StartsWith("recovery_codes.", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task ASessionOpenedWithARecoveryCode_IsSentToTheFactorsPage_AndMayOnlyEnrolUntilItHas()
    {
        var page = await NewPageAsync();
        var liam = await Gate.CreateUserAsync("liam");
        await Gate.EnrolTotpAsync("liam", nextTimeStep: false);
        var issued = await Gate.Services.GetRequiredService<RecoveryCodeService>().IssueFirstSetAsync(liam.Id, null, CancellationToken.None);
        Assert.True(issued.IsSuccess);

        // The sign-in page cannot take a recovery code yet: sign in through the API from the page, as a browser client.
        await page.GotoAsync(Url("/sign-in"));
        var status = await page.EvaluateAsync<int>(RecoverySignInScript, new[] { "liam", TestGate.StrongPassword, issued.Value.Codes[0] });
        Assert.Equal(200, status);

        await page.GotoAsync(Url("/"));
        Assert.Equal(Url("/security/factors"), page.Url);
        await Assertions.Expect(page.Locator("#enrollment-required")).ToContainTextAsync("You signed in with a recovery code.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove Phone" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Generate new recovery codes" })).ToHaveCountAsync(0);
        await page.GotoAsync(Url("/security/devices"));
        Assert.Equal(Url("/security/factors"), page.Url);

        await page.GetByLabel("Name for the app").FillAsync("New phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add authenticator app" }).ClickAsync();
        var secret = Base32Encoding.ToBytes((await page.Locator("#totp-secret").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal));
        Gate.Time.Advance(TimeSpan.FromSeconds(30)); // the API enrolment above used this period's code
        await page.GetByLabel("6-digit code the app now shows").FillAsync(Code(Gate, secret));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and add" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your authenticator app was added. Use it the next time you sign in.");
        await Assertions.Expect(page.Locator("#enrollment-required")).ToHaveCountAsync(0);

        await page.GotoAsync(Url("/"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your accounts" })).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task ConnectingThePushAuthenticator_ShowsItsEnrolmentCodeOnce()
    {
        var page = await NewPageAsync();
        var violations = WatchCspViolations(page);
        await Gate.CreateUserAsync("mallory");
        await SignInWithPasswordAsync(Gate, page, "mallory");

        await page.GotoAsync(Url("/security/factors"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect the app" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connect the Portcullis Authenticator app" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code for the Portcullis Authenticator app" })).ToBeVisibleAsync();
        var code = await page.Locator("#push-code").InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(code));
        Assert.DoesNotContain(code, page.Url, StringComparison.Ordinal);
        using (var data = JsonDocument.Parse((await Gate.ReadAuditAsync()).Last(e => e.Type == "factor.enrolment_started").Data))
        {
            Assert.Equal("push", data.RootElement.GetProperty("kind").GetString());
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Done, refresh the list" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign-in factors" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#push-code")).ToHaveCountAsync(0);
        Assert.DoesNotContain(code, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(violations);
    }

    private const string RecoverySignInScript = """
        async ([username, password, code]) => {
            const headers = { "Content-Type": "application/json" };
            const started = await (await fetch("/api/v1/sign-in", { method: "POST", headers, body: JSON.stringify({ username, password, client: "browser" }) })).json();
            const done = await fetch("/api/v1/sign-in/recovery-code", { method: "POST", headers, body: JSON.stringify({ flow: started.flow.handle, code }) });
            return done.status;
        }
        """;

}
