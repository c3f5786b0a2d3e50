using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Portcullis.Portal.Tests;

/// <summary>
/// The money page and the freeze page in a real browser, signed in with password and a virtual security key: a new
/// withdrawal destination shows when it becomes usable with a countdown, and a withdrawal to it before then is refused with
/// words saying when it can be used; the big freeze button freezes the account, trading is then refused with a sentence
/// saying so and how to lift it, and lifting shows its countdown. Screenshots go to <c>screenshots/</c>.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed partial class MoneyBrowserTests(BrowserFixture browser) : PortalBrowserTest(browser)
{

    [SkippableFact]
    public async Task ANewDestination_ShowsItsCountdown_AndAWithdrawalToItBeforeThenIsRefusedSayingWhen()
    {
        var page = await SignedInAsync("judy", 50_000m);
        await page.GetByRole(AriaRole.Link, new() { Name = "Money", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Money Trading" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "USD 50,000.00 50,000.00" })).ToBeVisibleAsync();

        await page.GetByLabel("Name").FillAsync("Savings at home");
        await page.GetByLabel("Bank account number").FillAsync("DE89370400440532013000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add destination" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The destination was saved.");
        var usableFrom = Gate.Time.GetUtcNow().AddHours(24);
        var item = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Savings at home" });
        await Assertions.Expect(item).ToContainTextAsync("account ending 3000");
        await Assertions.Expect(item).ToContainTextAsync("Usable from " + usableFrom.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC");
        var countdown = item.Locator("[data-countdown]");
        await Assertions.Expect(countdown).ToHaveTextAsync(Left()); // counted down by countdown.js from the server's clock
        await Assertions.Expect(item.Locator("time")).ToHaveAttributeAsync("datetime",
            usableFrom.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        await ScreenshotAsync(page, "money");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "money-phone");
        await page.SetViewportSizeAsync(1280, 900);

        await page.GetByLabel("Amount (USD)").Last.FillAsync("100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();

        var refusal = page.Locator("#withdrawal-error");
        await Assertions.Expect(refusal).ToContainTextAsync("No withdrawal was made: the destination \"Savings at home\" was added recently and can be used from "
            + usableFrom.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC, in 1 day.");
        await ScreenshotAsync(page, "money-withdrawal-refused");
        var audit = await Gate.ReadAuditAsync();
        Assert.Single(audit, e => e.Type == "destination.added");
        Assert.DoesNotContain(audit, e => e.Type == "withdrawal.requested");
        await Assertions.Expect(page.GetByText("No withdrawals yet.")).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task TheBigButton_FreezesTheAccount_TradingIsRefusedSayingHowToLift_AndLiftingShowsItsCountdown()
    {
        var page = await SignedInAsync("kim", 50_000m);
        await page.GotoAsync(Url("/security/freeze"));
        await Assertions.Expect(page.GetByText("Nothing is frozen.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Freeze my account" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Frozen.");
        await Assertions.Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Everything (trading, withdrawals, API keys, security changes)" }))
            .ToBeVisibleAsync();
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "freeze.set");

        await page.GetByRole(AriaRole.Link, new() { Name = "Trade", Exact = true }).ClickAsync();
        await page.GetByLabel("Symbol").FillAsync("AAPL");
        await page.GetByLabel("Quantity").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        var alert = page.Locator("#trade-error");
        await Assertions.Expect(alert).ToContainTextAsync("your account is frozen for trading");
        await Assertions.Expect(alert).ToContainTextAsync("To lift it, open Freeze and lock under Security and press Lift");
        Assert.DoesNotContain(await Gate.ReadAuditAsync(), e => e.Type == "order.placed");

        await page.GetByRole(AriaRole.Link, new() { Name = "Freeze and lock: lift the freeze" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lift the freeze of Everything (trading, withdrawals, API keys, security changes)" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Lifting was requested.");
        var liftAt = Gate.Time.GetUtcNow().AddHours(24);
        var item = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Lifting was requested: it is lifted at" });
        await Assertions.Expect(item).ToContainTextAsync(liftAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC");
        await Assertions.Expect(item.Locator("[data-countdown]")).ToHaveTextAsync(Left());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "freeze.lift_requested");
        await ScreenshotAsync(page, "freeze");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "freeze-phone");
    }

    /// <summary>About a day left, as the server wrote it or as countdown.js counts it down.</summary>
    [GeneratedRegex(@"^\((1 day|23 hours 59 minutes) left\)$")]
    private static partial Regex Left();

    private async Task<IPage> SignedInAsync(string username, decimal usd)
    {
        var page = await NewPageAsync();
        await SecurityKeySignIn.SignInAsync(Gate, page, username, usd, pastCooldown: true);
        return page;
    }

}
