using Microsoft.Playwright;
using static Portcullis.Portal.Tests.PortalSteps;

namespace Portcullis.Portal.Tests;

/// <summary>
/// The devices page in a real browser: two browser contexts are two devices; revoking the other one from the first ends its
/// session (its next page load lands on sign-in); renaming this device shows the new name.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class DevicesBrowserTests(BrowserFixture browser) : PortalBrowserTest(browser)
{

    [SkippableFact]
    public async Task RevokingAnotherDevice_EndsItsSession_WhoseNextPageLoadLandsOnSignIn()
    {
        var first = await NewPageAsync();
        var second = await NewPageAsync();
        var violations = WatchCspViolations(first);
        await Gate.CreateUserAsync("judy");
        var secret = await Gate.EnrolTotpAsync("judy", nextTimeStep: false);
        await SignInWithTotpAsync(Gate, first, "judy", secret);
        await SignInWithTotpAsync(Gate, second, "judy", secret);

        await first.GetByRole(AriaRole.Link, new() { Name = "Security" }).ClickAsync();
        await first.GetByRole(AriaRole.Link, new() { Name = "Devices", Exact = true }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Heading, new() { Name = "Your devices" })).ToBeVisibleAsync();
        var browsers = first.Locator("tbody tr").Filter(new() { HasText = "Browser" });
        await Assertions.Expect(browsers).ToHaveCountAsync(2);
        var mine = browsers.Filter(new() { HasText = "(this device)" });
        var other = browsers.Filter(new() { HasNotText = "(this device)" });
        await Assertions.Expect(mine).ToHaveCountAsync(1);
        await Assertions.Expect(other).ToHaveCountAsync(1);
        await Assertions.Expect(other).ToContainTextAsync("Trusted");
        var otherId = await other.GetAttributeAsync("data-device");
        await ScreenshotAsync(first, "security-devices");
        await first.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(first, "security-devices-phone");
        await first.SetViewportSizeAsync(1280, 900);

        await other.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Revoke ") }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Status)).ToContainTextAsync("The device was revoked. Its sessions were signed out");
        var revoked = first.Locator($"tbody tr[data-device=\"{otherId}\"]");
        await Assertions.Expect(revoked).ToContainTextAsync("Revoked");
        await Assertions.Expect(revoked.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        var audit = await Gate.ReadAuditAsync();
        Assert.Contains(audit, e => e.Type == "device.revoked");
        Assert.Contains(audit, e => e.Type == "session.revoked");

        await second.ReloadAsync();
        await Assertions.Expect(second.GetByLabel("Username")).ToBeVisibleAsync();
        Assert.StartsWith(Url("/sign-in"), second.Url, StringComparison.Ordinal);

        await first.ReloadAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Heading, new() { Name = "Your devices" })).ToBeVisibleAsync();
        Assert.Empty(violations);
    }

    [SkippableFact]
    public async Task RenamingThisDevice_ShowsTheNewName()
    {
        var page = await NewPageAsync();
        await Gate.CreateUserAsync("ken");
        await SignInWithPasswordAsync(Gate, page, "ken");

        await page.GotoAsync(Url("/security/devices"));
        var mine = page.Locator("tbody tr").Filter(new() { HasText = "(this device)" });
        await Assertions.Expect(mine).ToHaveCountAsync(1);
        await mine.GetByRole(AriaRole.Textbox).FillAsync("Work laptop");
        await mine.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Rename ") }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The device was renamed.");
        await Assertions.Expect(mine.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync("Work laptop (this device)");
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "device.renamed");

        // A name the device registry refuses is explained at the top, and nothing changes.
        await mine.GetByRole(AriaRole.Textbox).EvaluateAsync("input => input.removeAttribute('maxlength')");
        await mine.GetByRole(AriaRole.Textbox).FillAsync(new string('x', 65));
        await mine.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Rename ") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("A device name has 1 to 64 characters. Type a name and press Rename again.");
        await Assertions.Expect(mine.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync("Work laptop (this device)");
    }

}
