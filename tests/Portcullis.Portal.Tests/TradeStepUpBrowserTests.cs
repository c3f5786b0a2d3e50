using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portcullis.Core.Accounts;
using Portcullis.Ledger.Backend;
using Portcullis.Testing;

namespace Portcullis.Portal.Tests;

/// <summary>
/// The trade page's step-up in place, in a real browser with a CTAP2 virtual security key: a large order (2,000 AAPL, over
/// the default policy's <c>large-order</c> threshold) asks for the key when the sign-in's proof is older than five minutes,
/// keeps the ticket, takes the key's assertion on the page, and then places the order once; a small order fills without
/// any step-up.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class TradeStepUpBrowserTests(BrowserFixture browser) : PortalBrowserTest(browser)
{

    [SkippableFact]
    public async Task ALargeOrder_AsksForTheSecurityKey_ThenIsPlacedOnce()
    {
        var (page, account) = await SignedInWithKeyAsync("hana", 1_000_000m);
        Gate.Time.Advance(TimeSpan.FromMinutes(6)); // the sign-in's proof is now older than the critical tier's five minutes
        await page.GotoAsync(Url("/trade"));
        await page.GetByLabel("Symbol").FillAsync("AAPL");
        await page.GetByLabel("Quantity").FillAsync("2000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm it is you" })).ToBeVisibleAsync();
        var alert = page.Locator("#trade-error");
        await Assertions.Expect(alert).ToContainTextAsync("needs a fresher proof that it is you");
        await Assertions.Expect(alert).ToContainTextAsync("large-order");
        await Assertions.Expect(alert).ToContainTextAsync("with a security key or passkey, proven within the last 5 minutes");
        await Assertions.Expect(page.GetByLabel("Quantity")).ToHaveValueAsync("2000");
        await ScreenshotAsync(page, "trade-step-up-prompt");
        Assert.DoesNotContain(await Gate.ReadAuditAsync(), e => e.Type == "order.placed");

        await page.GetByRole(AriaRole.Button, new() { Name = "Use security key" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(
            "Confirmed: it is you. Your order has not been placed yet: check the ticket below and press \"Place order\".");
        await Assertions.Expect(page.GetByLabel("Quantity")).ToHaveValueAsync("2000");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm it is you" })).ToHaveCountAsync(0);
        Assert.Single(await Gate.ReadAuditAsync(), e => e.Type == "session.stepped_up");
        var ticket = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Place order" }) });
        var fields = await ticket.EvaluateAsync<Dictionary<string, string>>("f => Object.fromEntries(new FormData(f).entries())");
        var action = page.Url;

        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your order was placed and filled.");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^AAPL buy market 2000 [0-9,.]+ filled$") })).ToBeVisibleAsync();

        // The kept ticket sent again (a resent form): its idempotency key finds the first order.
        var again = page.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            again.Set(name, value);
        }

        var resent = await page.APIRequest.PostAsync(action, new() { Form = again });
        Assert.True(resent.Ok, resent.StatusText);
        var orders = await Gate.Services.GetRequiredService<IBrokerageBackend>().GetOrdersAsync(account.Id, false, CancellationToken.None);
        Assert.Equal(2000m, Assert.Single(orders.Value).Quantity);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^AAPL buy market 2000 ") })).ToHaveCountAsync(1);
    }

    [SkippableFact]
    public async Task ASmallOrder_FillsWithoutAStepUp()
    {
        var (page, account) = await SignedInWithKeyAsync("ivan", 100_000m);
        Gate.Time.Advance(TimeSpan.FromMinutes(6));
        await page.GotoAsync(Url("/trade"));
        await page.GetByLabel("Symbol").FillAsync("AAPL");
        await page.GetByLabel("Quantity").FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your order was placed and filled.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm it is you" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^AAPL buy market 4 [0-9,.]+ filled$") })).ToBeVisibleAsync();
        var orders = await Gate.Services.GetRequiredService<IBrokerageBackend>().GetOrdersAsync(account.Id, false, CancellationToken.None);
        Assert.Single(orders.Value);
        Assert.DoesNotContain(await Gate.ReadAuditAsync(), e => e.Type == "session.stepped_up");
    }

    private async Task<(IPage Page, Account Account)> SignedInWithKeyAsync(string username, decimal usd)
    {
        var page = await NewPageAsync();
        var account = await SecurityKeySignIn.SignInAsync(Gate, page, username, usd);
        return (page, account);
    }

}

/// <summary>A user with a funded account and a virtual security key, signed in on the portal with password and key.</summary>
internal static class SecurityKeySignIn
{
    /// <summary>
    /// Signs in with password and key. With <paramref name="pastCooldown"/>, signs in once, lets the cool-down that the new key
    /// and the new device started pass (25 hours on the gate's clock), then signs in again on the same, now known, device.
    /// </summary>
    public static async Task<Account> SignInAsync(TestGate gate, IPage page, string username, decimal usd, bool pastCooldown = false)
    {
        var user = await gate.CreateUserAsync(username);
        var account = await gate.OpenFundedAccountAsync(user.Id, "Trading", usd);
        await VirtualAuthenticator.AddAsync(page);
        await page.GotoAsync(new Uri(gate.BaseAddress, "/sign-in").ToString());
        using (var client = gate.CreateClient())
        {
            var token = (await gate.SignInAsync(client, username)).GetProperty("token").GetString()!;
            await VirtualAuthenticator.RegisterThroughApiAsync(page, token);
        }

        await WithKeyAsync(page, username);
        if (pastCooldown)
        {
            gate.Time.Advance(TimeSpan.FromHours(25));
            await page.GotoAsync(new Uri(gate.BaseAddress, "/sign-in").ToString());
            await WithKeyAsync(page, username);
        }

        return account;
    }

    private static async Task WithKeyAsync(IPage page, string username)
    {
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(TestGate.StrongPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Use security key" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your accounts" })).ToBeVisibleAsync();
    }
}
