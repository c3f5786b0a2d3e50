using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portcullis.Core.Factors.RecoveryCodes;
using Portcullis.Testing;

namespace Portcullis.Portal.Tests;

/// <summary>
/// Sign-in with the factors beyond a security key and an authenticator-app code: a recovery code, and a push approved by
/// a software authenticator that signs its requests as a phone does, with the page's script and without it.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class SignInFactorsBrowserTests(BrowserFixture browser) : PortalBrowserTest(browser)
{

    [SkippableFact]
    public async Task ARecoveryCode_SignsIn_AndTheFactorsPageAsksForANewFactor()
    {
        var (page, requests) = await NewRecordedPageAsync();
        var grace = await Gate.CreateUserAsync("grace");
        await Gate.EnrolTotpAsync("grace");
        var codes = await Gate.Services.GetRequiredService<RecoveryCodeService>().IssueFirstSetAsync(grace.Id, null, CancellationToken.None);
        Assert.True(codes.IsSuccess);

        await PasswordStepAsync(page, "grace");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Recovery code" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Recovery code" }).FillAsync("AAAA-BBBB-CCCC");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use recovery code" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "That second factor was not accepted. Try again: check that the code is the current one, or use another of your factors.");

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Recovery code" }).FillAsync(codes.Value.Codes[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use recovery code" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign-in factors" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#enrollment-required")).ToContainTextAsync("You signed in with a recovery code.");
        var audit = await Gate.ReadAuditAsync();
        using (var data = JsonDocument.Parse(audit.Last(e => e.Type == "signin.succeeded").Data))
        {
            Assert.StartsWith("password+recovery", data.RootElement.GetProperty("method").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(9, (await Gate.Services.GetRequiredService<RecoveryCodeService>().GetStatusAsync(grace.Id, CancellationToken.None)).Remaining);
        Assert.DoesNotContain(codes.Value.Codes[0], Gate.Logs.All, StringComparison.Ordinal);
        requests.AssertAllLocal(Gate.BaseAddress);
    }

    [SkippableFact]
    public async Task APush_ApprovedOnTheAuthenticator_SignsIn_ThePageWaitingByItself()
    {
        var (page, requests) = await NewRecordedPageAsync();
        var heidi = await Gate.CreateUserAsync("heidi");
        await Gate.OpenFundedAccountAsync(heidi.Id, "Heidi trading", 1_000m);
        using var phone = await PushDevice.EnrolAsync(Gate, "heidi");

        await PasswordStepAsync(page, "heidi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a request to my authenticator" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Approve on your authenticator" })).ToBeVisibleAsync();
        var number = int.Parse(await page.Locator("#push-number").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await ScreenshotAsync(page, "sign-in-push");

        var challenge = await phone.SingleChallengeAsync();
        Assert.Contains(number, challenge.GetProperty("choices").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal("approved", (await phone.ApproveAsync(challenge, number)).GetProperty("status").GetString());

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Heidi trading" })).ToBeVisibleAsync();
        Assert.Equal(Url("/"), page.Url);
        var audit = await Gate.ReadAuditAsync();
        using (var data = JsonDocument.Parse(audit.Last(e => e.Type == "signin.succeeded").Data))
        {
            Assert.Equal("password+push", data.RootElement.GetProperty("method").GetString());
        }

        requests.AssertAllLocal(Gate.BaseAddress);
    }

    [SkippableFact]
    public async Task APush_WithoutJavaScript_IsFinishedWithTheButton_WhichSaysWhenItIsNotApprovedYet()
    {
        var (page, requests) = await NewRecordedPageAsync(javaScript: false);
        var ivan = await Gate.CreateUserAsync("ivan");
        await Gate.OpenFundedAccountAsync(ivan.Id, "Ivan trading", 1_000m);
        using var phone = await PushDevice.EnrolAsync(Gate, "ivan");

        await PasswordStepAsync(page, "ivan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a request to my authenticator" }).ClickAsync();
        var number = int.Parse(await page.Locator("#push-number").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByRole(AriaRole.Button, new() { Name = "I approved it" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "Your authenticator has not answered yet. Pick the number below on it, then press \"I approved it\" again.");
        await Assertions.Expect(page.Locator("#push-number")).ToHaveTextAsync(number.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await phone.ApproveAsync(await phone.SingleChallengeAsync(), number);
        await page.GetByRole(AriaRole.Button, new() { Name = "I approved it" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ivan trading" })).ToBeVisibleAsync();
        requests.AssertAllLocal(Gate.BaseAddress);
    }

    [SkippableFact]
    public async Task AnSmsCode_SignsIn_WhereSmsIsEnabled_AndAWrongCodeShowsTheCodeFieldAgain()
    {
        await Gate.DisposeAsync();
        Gate = await PortalGate.StartAsync(new Dictionary<string, string?> { ["Factors:Sms:Enabled"] = "true" });
        var (page, requests) = await NewRecordedPageAsync();
        var judy = await Gate.CreateUserAsync("judy");
        await Gate.OpenFundedAccountAsync(judy.Id, "Judy trading", 1_000m);
        using (var client = Gate.CreateClient())
        {
            var token = (await Gate.SignInAsync(client, "judy")).GetProperty("token").GetString();
            using var enrol = new HttpRequestMessage(HttpMethod.Post, "/api/v1/factors/sms")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { phone = "+41 44 668 18 00", name = "Work phone" }),
            };
            enrol.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var enrolled = await client.SendAsync(enrol);
            var body = JsonDocument.Parse(await enrolled.Content.ReadAsStringAsync()).RootElement;
            Assert.True(enrolled.IsSuccessStatusCode, body.ToString());
            using var confirm = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/factors/sms/{body.GetProperty("factor").GetProperty("id").GetString()}/confirm")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { code = LastSmsCode() }),
            };
            confirm.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var confirmed = await client.SendAsync(confirm);
            Assert.True(confirmed.IsSuccessStatusCode, await confirmed.Content.ReadAsStringAsync());
        }

        await PasswordStepAsync(page, "judy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Text me a code" }).ClickAsync();
        await Assertions.Expect(page.GetByText("We sent a code to Work phone.")).ToBeVisibleAsync();
        var code = LastSmsCode();
        var wrong = new[] { "000000", "111111", "222222" }.First(c => c != code);
        await page.GetByLabel("Code from the text message").FillAsync(wrong);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify text message code" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "That second factor was not accepted. Try again: check that the code is the current one, or use another of your factors.");

        await page.GetByLabel("Code from the text message").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify text message code" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Judy trading" })).ToBeVisibleAsync();
        var audit = await Gate.ReadAuditAsync();
        using (var data = JsonDocument.Parse(audit.Last(e => e.Type == "signin.succeeded").Data))
        {
            Assert.Equal("password+sms", data.RootElement.GetProperty("method").GetString());
        }

        requests.AssertAllLocal(Gate.BaseAddress);
    }

    /// <summary>The 6-digit code in the last message of the development SMS outbox (the file sender the Server tests read).</summary>
    private string LastSmsCode()
    {
        var fields = File.ReadAllLines(Path.Combine(Gate.DataDirectory, "sms-outbox.log"))[^1].Split('\t');
        return System.Text.RegularExpressions.Regex.Match(fields[2], @"\b([0-9]{6})\b").Groups[1].Value;
    }

    private async Task PasswordStepAsync(IPage page, string username)
    {
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(TestGate.StrongPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your password is right. Now prove it is you with a second factor.")).ToBeVisibleAsync();
    }
}
