using Microsoft.Playwright;
using Portcullis.Testing;

namespace Portcullis.Portal.Tests;

/// <summary>
/// "Confirm it's you" in a real browser with a virtual security key: once the sign-in proof is older than tier 1 allows,
/// the API keys page says so above its form and links to <c>/security/confirm</c>; confirming there with the security key
/// comes back to the page, where creating a key now goes through. A foreign return address ends on <c>/security</c>.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class StepUpConfirmBrowserTests(BrowserFixture browser) : PortalBrowserTest(browser)
{

    [SkippableFact]
    public async Task AnOldProof_IsConfirmedFirst_ThenTheKeyIsCreated()
    {
        var page = await SignedInWithSecurityKeyAsync("jules");

        // Six minutes on, the security-key proof is older than tier 1 allows for creating a key.
        Gate.Time.Advance(TimeSpan.FromMinutes(6));
        await page.GotoAsync(Url("/security/api-keys"));
        var note = page.Locator("#confirm-first");
        await Assertions.Expect(note).ToContainTextAsync("Creating a key needs a fresh proof that it is you, with a security key or passkey");
        await note.GetByRole(AriaRole.Link, new() { Name = "Confirm it's you with your security key" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm it's you", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#confirm-why")).ToContainTextAsync("To create an API key");
        await Assertions.Expect(page.Locator("#confirm-why")).ToContainTextAsync("a security key or passkey");
        await ScreenshotAsync(page, "security-confirm");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "security-confirm-phone");
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use security key" }).ClickAsync();

        await page.WaitForURLAsync(Url("/security/api-keys?confirmed=true"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Confirmed: it is you. You can create a key now.");
        await Assertions.Expect(page.Locator("#confirm-first")).ToHaveCountAsync(0);
        await page.GetByLabel("Name").FillAsync("Confirmed bot");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Key created: Confirmed bot" })).ToBeVisibleAsync();
        Assert.Single(await Gate.ReadAuditAsync(), e => e.Type == "apikey.created");
    }

    [SkippableTheory]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example")]
    public async Task AForeignReturn_AfterConfirming_GoesToSecurity(string target)
    {
        var page = await SignedInWithSecurityKeyAsync("kit");
        await page.GotoAsync(Url("/security/confirm?return=" + Uri.EscapeDataString(target)));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Go back without confirming" })).ToHaveAttributeAsync("href", "/security");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use security key" }).ClickAsync();

        await page.WaitForURLAsync(Url("/security?confirmed=true"));
        Assert.Equal(Gate.BaseAddress.Host, new Uri(page.Url).Host);
    }

    /// <summary>A user with a security key, signed in with it.</summary>
    private async Task<IPage> SignedInWithSecurityKeyAsync(string username)
    {
        var page = await NewPageAsync();
        await Gate.CreateUserAsync(username);
        await VirtualAuthenticator.AddAsync(page);
        await page.GotoAsync(Url("/sign-in"));
        using (var client = Gate.CreateClient())
        {
            var password = (await Gate.SignInAsync(client, username)).GetProperty("token").GetString()!;
            await VirtualAuthenticator.RegisterThroughApiAsync(page, password);
        }

        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(TestGate.StrongPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Use security key" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Security" })).ToBeVisibleAsync();
        return page;
    }

}
