using Microsoft.Playwright;
using Portcullis.Testing;

namespace Portcullis.Portal.Tests;

/// <summary>
/// The notifications and trusted networks pages in a real browser, signed in with a security key (these changes are
/// tier 1 for an account with one): the anti-phishing phrase set and shown, an alert address added and removed, and a
/// trusted network (the address the browser connects from) added and removed.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class NotificationsBrowserTests(BrowserFixture browser) : PortalBrowserTest(browser)
{

    [SkippableFact]
    public async Task TheAntiPhishingPhrase_IsSetAndShown_AndAnAlertAddressIsAddedAndRemoved()
    {
        var page = await SignedInWithSecurityKeyAsync("jade");
        await page.GotoAsync(Url("/security/notifications"));
        await Assertions.Expect(page.Locator("#current-phrase-none")).ToBeVisibleAsync();

        await page.GetByLabel("Phrase", new() { Exact = true }).FillAsync("ab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save phrase" }).ClickAsync();
        await Assertions.Expect(page.Locator("#phrase-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Phrase", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByLabel("Phrase", new() { Exact = true }).FillAsync("purple otter at noon");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save phrase" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your anti-phishing phrase was saved. Every email from us will show it.");
        await Assertions.Expect(page.Locator("#current-phrase")).ToHaveTextAsync("purple otter at noon");
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "notification.phrase_set");

        await page.GetByLabel("Address", new() { Exact = true }).FillAsync("jade.alerts@example.com");
        await page.GetByLabel("Label (optional)").FillAsync("Work mail");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add address" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The address was added. Your other addresses were told about the change.");
        var row = page.Locator("tr[data-contact='jade.alerts@example.com']");
        await Assertions.Expect(row).ToContainTextAsync("Work mail");
        await ScreenshotAsync(page, "security-notifications");

        await row.GetByRole(AriaRole.Button, new() { Name = "Remove jade.alerts@example.com" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This is the last address that would receive security alerts");
        await Assertions.Expect(row).ToHaveCountAsync(1);

        await page.GetByLabel("Channel").SelectOptionAsync("sms");
        await page.GetByLabel("Address", new() { Exact = true }).FillAsync("+14155550100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add address" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-contact='+14155550100']")).ToContainTextAsync("SMS");
        await page.Locator("tr[data-contact='jade.alerts@example.com']").GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The address was removed.");
        await Assertions.Expect(page.Locator("tr[data-contact='jade.alerts@example.com']")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove phrase" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your anti-phishing phrase was removed.");
        await Assertions.Expect(page.Locator("#current-phrase-none")).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task ATrustedNetwork_IsAddedAndRemoved_AfterAnInvalidRangeIsShownAtItsField()
    {
        var page = await SignedInWithSecurityKeyAsync("kemal");
        await page.GotoAsync(Url("/security/networks"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Trusted networks" })).ToBeVisibleAsync();
        var address = await page.Locator("#client-address").InnerTextAsync();

        await page.GetByLabel("Address or range").FillAsync("300.1.2.3/24");
        await page.GetByLabel("Label", new() { Exact = true }).FillAsync("Home");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add network" }).ClickAsync();
        await Assertions.Expect(page.Locator("#cidr-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Label", new() { Exact = true })).ToHaveValueAsync("Home");

        await page.GetByLabel("Address or range").FillAsync(address);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add network" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The network was added to your trusted networks.");
        var row = page.Locator("tbody tr").Filter(new() { HasText = "Home" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "trusted_network.added");
        await ScreenshotAsync(page, "security-networks");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "security-networks-phone");
        await page.SetViewportSizeAsync(1280, 900);

        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The network was removed from your trusted networks.");
        await Assertions.Expect(page.Locator("tbody tr").Filter(new() { HasText = "Home" })).ToHaveCountAsync(0);
    }

    /// <summary>A user with a security key, signed in with it (a fresh phishing-resistant proof, as tier 1 asks).</summary>
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
