using System.Buffers.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NSec.Cryptography;
using Portcullis.Core.ApiKeys;
using Portcullis.Core.Audit;
using Portcullis.Core.Factors.Totp;
using Portcullis.Core.Persistence;
using Portcullis.Core.Users;
using Portcullis.Testing;

namespace Portcullis.Portal.Tests;

/// <summary>
/// The security checkup, the activity log and the operator pages in a real browser, each page's main path; every request
/// stays on the gate's origin.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class OpsBrowserTests(BrowserFixture browser) : PortalBrowserTest(browser)
{

    [SkippableFact]
    public async Task TheCheckup_ListsWhatToImprove_FromTheRealState_WithALinkForEach()
    {
        var (page, requests) = await NewRecordedPageAsync();
        var judy = await Gate.CreateUserAsync("judy");
        using (var key = Key.Create(SignatureAlgorithm.Ed25519))
        {
            var created = await Gate.Services.GetRequiredService<ApiKeyService>().CreateAsync(judy.Id, new NewApiKey
            {
                Name = "Grid bot",
                PublicKey = Base64Url.EncodeToString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
                Permissions = ["read", "trade"],
                ExpiresInDays = 7,
            }, null, CancellationToken.None);
            Assert.True(created.IsSuccess, created.IsSuccess ? null : created.Error.Message);
        }

        await SignInAsync(page, "judy");
        await page.GotoAsync(Url("/security"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Security checkup" })).ToBeVisibleAsync();

        var findings = page.Locator(".findings li");
        await Assertions.Expect(findings).ToHaveCountAsync(7);
        await Assertions.Expect(findings.Filter(new() { HasText = "You have no security key or passkey." })
            .GetByRole(AriaRole.Link, new() { Name = "Add a security key" })).ToHaveAttributeAsync("href", "/security/factors");
        await Assertions.Expect(findings.Filter(new() { HasText = "You sign in with your password alone." })).ToHaveCountAsync(1);
        await Assertions.Expect(findings.Filter(new() { HasText = "You have no recovery codes." })).ToHaveCountAsync(1);
        await Assertions.Expect(findings.Filter(new() { HasText = "The API key \"Grid bot\"" }).Filter(new() { HasText = "may trade from any address" })
            .GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "/security/api-keys");
        await Assertions.Expect(findings.Filter(new() { HasText = "expires on 2026-11-09" })).ToHaveCountAsync(1);
        await Assertions.Expect(findings.Filter(new() { HasText = "No email address or phone number receives your security alerts." })
            .GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "/security/notifications");
        await Assertions.Expect(findings.Filter(new() { HasText = "The settings lock is off." })
            .GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "/security/freeze");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "In this section" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "security-checkup");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "security-checkup-phone");
        requests.AssertAllLocal(Gate.BaseAddress);
    }

    [SkippableFact]
    public async Task TheActivityLog_ShowsTheUsersOwnEvents_InWords_NewestFirst_Paged_AndSearchable()
    {
        var (page, requests) = await NewRecordedPageAsync();
        var kim = await Gate.CreateUserAsync("kim");
        var other = await Gate.CreateUserAsync("leo");
        await AppendAsync(Enumerable.Range(0, 30).Select(_ => new AuditRecord(AuditEventTypes.SessionRevoked, "ok", Actors.System, Actors.User(kim.Id)))
            .Append(new AuditRecord(AuditEventTypes.SignInFailed, "bad_password", Actors.Anonymous, Actors.User(other.Id)))
            .Append(new AuditRecord("custom.thing", "ok", Actors.User(kim.Id))));
        await SignInAsync(page, "kim");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Activity" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Activity" })).ToBeVisibleAsync();
        var rows = page.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(25);
        await Assertions.Expect(rows.Filter(new() { HasText = "Signed in" })).ToContainTextAsync("you");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Event \"custom.thing\"" })).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "activity");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "activity-phone");
        await page.SetViewportSizeAsync(1280, 900);

        await page.GetByRole(AriaRole.Link, new() { Name = "Older" }).ClickAsync();
        await Assertions.Expect(rows.First).ToContainTextAsync("A session was signed out");
        var older = await rows.CountAsync();
        Assert.InRange(older, 1, 25);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Older" })).ToHaveCountAsync(0);
        Assert.DoesNotContain(await page.Locator("tbody").InnerTextAsync(), "A sign-in failed", StringComparison.Ordinal);

        await page.GetByLabel("Words").FillAsync("signin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(rows.Filter(new() { HasText = "Signed in" })).ToHaveCountAsync(1);
        await Assertions.Expect(rows.Filter(new() { HasText = "A session was signed out" })).ToHaveCountAsync(0);

        await page.GotoAsync(Url("/activity?from=2026-13-01"));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The first day is not a date. Write it as year-month-day, e.g. 2026-11-02.");
        await page.GotoAsync(Url("/activity?to=2026-11-01"));
        await Assertions.Expect(page.GetByText("Nothing to show.")).ToBeVisibleAsync();
        requests.AssertAllLocal(Gate.BaseAddress);
    }

    [SkippableFact]
    public async Task AnOperator_DisablesAndEnablesAUser_FreezesAndLifts_AndReadsTheVerifiedAuditLog()
    {
        var (page, requests) = await NewRecordedPageAsync();
        await Gate.CreateUserAsync("olga", role: UserRole.Operator);
        var secret = await Gate.EnrolTotpAsync("olga"); // operator actions are routine: they need a second factor
        var mia = await Gate.CreateUserAsync("mia");
        await Gate.OpenFundedAccountAsync(mia.Id, "Mia trading", 500m);
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("Username").FillAsync("olga");
        await page.GetByLabel("Password").FillAsync(TestGate.StrongPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByLabel("6-digit code from your authenticator app").FillAsync(TotpCode.Compute(secret, Gate.Time.GetUtcNow()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify code" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Operator" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Operator", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Mia trading" })).ToContainTextAsync("mia (owner)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Disable mia" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("mia was disabled and every one of their sessions signed out.");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "mia" }).First).ToContainTextAsync("disabled");
        var disabled = (await Gate.ReadAuditAsync()).Last(e => e.Type == AuditEventTypes.UserDisabled);
        Assert.Equal(Actors.User((await FindAsync("olga")).Id), disabled.Actor);
        Assert.Equal(Actors.User(mia.Id), disabled.Subject);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enable mia" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("mia may sign in again.");
        Assert.True((await FindAsync("mia")).IsActive);

        await page.GetByLabel("Username or name").FillAsync("mi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Assertions.Expect(page.Locator("section").First.Locator("tbody tr")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Link, new() { Name = "Freezes of mia" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Freezes of mia" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Freeze", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Choose at least one thing to freeze.");
        await page.GetByLabel("Trading").CheckAsync();
        await page.GetByLabel("Reason (the user sees it)").FillAsync("Support case 12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Freeze", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The freeze is in force.");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Support case 12" })).ToContainTextAsync("in force");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lift now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The freeze was lifted.");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Support case 12" })).ToContainTextAsync("lifted");

        await page.GotoAsync(Url("/operator/audit"));
        var count = (await Gate.ReadAuditAsync()).Count;
        await Assertions.Expect(page.Locator("#chain-status")).ToHaveTextAsync(new Regex($"^Chain OK: {count} events verified, head [0-9a-f]{{16}}\\.$"));
        await Assertions.Expect(page.Locator("tbody tr").First).ToContainTextAsync("freeze.lifted");
        await ScreenshotAsync(page, "operator-audit");
        requests.AssertAllLocal(Gate.BaseAddress);
    }

    private async Task<User> FindAsync(string username)
    {
        await using var unit = await Gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        return (await unit.Users.FindByUsernameAsync(username, CancellationToken.None))!;
    }

    private async Task AppendAsync(IEnumerable<AuditRecord> records)
    {
        await using var unit = await Gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        foreach (var record in records)
        {
            unit.Audit.Append(record);
        }

        await unit.CommitAsync(CancellationToken.None);
    }

    /// <summary>Signs in with the password alone (the user has no second factor yet).</summary>
    private async Task SignInAsync(IPage page, string username)
    {
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(TestGate.StrongPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }
}
