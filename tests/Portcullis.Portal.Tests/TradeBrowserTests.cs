using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portcullis.Core.Accounts;
using Portcullis.Core.Factors.Totp;
using Portcullis.Ledger.Backend;
using Portcullis.Testing;

namespace Portcullis.Portal.Tests;

/// <summary>
/// The trade page in a real browser, signed in with a password and an authenticator app: a small market order fills and
/// shows among the orders and fills, a resting limit order is cancelled, bad input gets an error next to its field, and a
/// large order is refused with the policy's step-up explained in words. Screenshots go to <c>screenshots/</c>.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class TradeBrowserTests(BrowserFixture browser) : PortalBrowserTest(browser)
{
    private Guid _user;

    [SkippableFact]
    public async Task ASmallMarketOrder_Fills_AndShowsAmongTheOrdersAndFills()
    {
        var page = await SignedInPageAsync("dave", 500_000m);

        await page.GetByRole(AriaRole.Link, new() { Name = "Trade", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New order" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "trade-empty");
        await page.GetByLabel("Symbol").FillAsync("AAPL");
        await page.GetByLabel("Quantity").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your order was placed and filled.");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^AAPL buy market 3 [0-9,.]+ filled$") })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^AAPL buy 3 [0-9,.]+ USD ") })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "trade-filled");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "trade-phone");

        var placed = Assert.Single(await Gate.ReadAuditAsync(), e => e.Type == "order.placed");
        using var data = JsonDocument.Parse(placed.Data);
        Assert.Equal("AAPL", data.RootElement.GetProperty("symbol").GetString());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "policy.decided" && e.Data.Contains("\"order.place\"", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task AnOrderSubmittedTwice_IsPlacedOnce()
    {
        var page = await SignedInPageAsync("erin", 500_000m);
        await page.GotoAsync(Url("/trade"));
        await page.GetByLabel("Symbol").FillAsync("AAPL");
        await page.GetByLabel("Quantity").FillAsync("2");
        var form = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Place order" }) });

        // The same rendered ticket sent twice, as a double click or a resent form does: one order.
        var fields = await form.EvaluateAsync<Dictionary<string, string>>(
            "f => Object.fromEntries(new FormData(f).entries())");
        var action = page.Url;
        for (var i = 0; i < 2; i++)
        {
            var response = await page.APIRequest.PostAsync(action, new() { Form = FormOf(page, fields) });
            Assert.True(response.Ok, response.StatusText);
        }

        // The ledger answers the retry with the first order; the audit records it as a retry, not a second placement.
        var audit = await Gate.ReadAuditAsync();
        Assert.Equal((1, 1), (audit.Count(e => e.Type == "order.placed"), audit.Count(e => e.Type == "order.replayed")));
        var account = Assert.Single(await Gate.Services.GetRequiredService<AccountService>().ListForUserAsync(_user, CancellationToken.None)).Account;
        var orders = await Gate.Services.GetRequiredService<IBrokerageBackend>().GetOrdersAsync(account.Id, false, CancellationToken.None);
        Assert.Equal(2m, Assert.Single(orders.Value).Quantity);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^AAPL buy market 2 ") })).ToHaveCountAsync(1);
    }

    /// <summary>
    /// Under a policy that caps orders (two a day here), a ticket sent again (a reload) is answered with the first order and
    /// gives back the use it reserved, so the next order still fits under the cap.
    /// </summary>
    [SkippableFact]
    public async Task AResentTicket_DoesNotUseUpAnOrderCap()
    {
        using var policyFolder = new TempDirectory();
        var policyFile = TestPolicies.Write(policyFolder, TestPolicies.TwoOrdersADay);
        await Gate.DisposeAsync();
        Gate = await PortalGate.StartAsync(new Dictionary<string, string?> { ["Policy:File"] = policyFile });
        var page = await SignedInPageAsync("gina", 500_000m);
        await page.GotoAsync(Url("/trade"));
        await page.GetByLabel("Symbol").FillAsync("AAPL");
        await page.GetByLabel("Quantity").FillAsync("1");
        var form = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Place order" }) });
        var fields = await form.EvaluateAsync<Dictionary<string, string>>("f => Object.fromEntries(new FormData(f).entries())");
        var action = page.Url;
        for (var i = 0; i < 2; i++)
        {
            var response = await page.APIRequest.PostAsync(action, new() { Form = FormOf(page, fields) });
            Assert.True(response.Ok, response.StatusText);
        }

        await page.GotoAsync(Url("/trade"));
        await page.GetByLabel("Symbol").FillAsync("AAPL");
        await page.GetByLabel("Quantity").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your order was placed and filled.");
        var account = Assert.Single(await Gate.Services.GetRequiredService<AccountService>().ListForUserAsync(_user, CancellationToken.None)).Account;
        var orders = await Gate.Services.GetRequiredService<IBrokerageBackend>().GetOrdersAsync(account.Id, false, CancellationToken.None);
        Assert.Equal([1m, 2m], orders.Value.Select(o => o.Quantity).Order());
    }

    [SkippableFact]
    public async Task ARestingLimitOrder_IsCancelled()
    {
        var page = await SignedInPageAsync("frank", 500_000m);
        await page.GotoAsync(Url("/trade"));
        await page.GetByLabel("Symbol").FillAsync("AAPL");
        await page.GetByLabel("Quantity").FillAsync("1");
        await page.GetByLabel("Order type").SelectOptionAsync("limit");
        await page.GetByLabel("Limit price").FillAsync("1.00");
        await page.GetByLabel("Time in force").SelectOptionAsync("gtc");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your order was placed and is open: it waits for its price.");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "AAPL buy limit 1 1.00 open Cancel buy AAPL 1" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "trade-open-order");

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel buy AAPL 1" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The order was cancelled.");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "AAPL buy limit 1 1.00 cancelled" })).ToBeVisibleAsync();
        Assert.Single(await Gate.ReadAuditAsync(), e => e.Type == "order.cancelled");
    }

    [SkippableFact]
    public async Task BadInput_IsShownNextToItsField_AndALargeOrderExplainsTheStepUp()
    {
        var page = await SignedInPageAsync("gina", 1_000_000m);
        await page.GotoAsync(Url("/trade"));

        await page.GetByLabel("Symbol").FillAsync("AAPL");
        await page.GetByLabel("Quantity").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Assertions.Expect(page.Locator("#quantity-error")).ToHaveTextAsync("Enter a quantity greater than zero.");
        await Assertions.Expect(page.GetByLabel("Quantity")).ToHaveAttributeAsync("aria-invalid", "true");
        await ScreenshotAsync(page, "trade-field-error");

        await page.GetByLabel("Symbol").FillAsync("NOSUCH");
        await page.GetByLabel("Quantity").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Assertions.Expect(page.Locator("#symbol-error")).ToHaveTextAsync("There is no instrument NOSUCH. Pick one of the symbols listed below the form.");

        await page.GetByLabel("Symbol").FillAsync("AAPL");
        await page.GetByLabel("Quantity").FillAsync("2000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        var alert = page.Locator("#trade-error");
        await Assertions.Expect(alert).ToContainTextAsync("needs a fresher proof that it is you");
        await Assertions.Expect(alert).ToContainTextAsync("a security key or passkey");
        await ScreenshotAsync(page, "trade-step-up");
        Assert.DoesNotContain(await Gate.ReadAuditAsync(), e => e.Type == "order.placed");
    }

    /// <summary>A funded account's owner signed in with password and authenticator app, on the dashboard.</summary>
    private async Task<IPage> SignedInPageAsync(string username, decimal usd)
    {
        var page = await NewPageAsync();
        var user = await Gate.CreateUserAsync(username);
        _user = user.Id;
        await Gate.OpenFundedAccountAsync(user.Id, "Trading", usd);
        byte[] secret;
        using (var client = Gate.CreateClient())
        {
            secret = await Gate.EnrolTotpAsync(username, nextTimeStep: false);
        }

        Gate.Time.Advance(TimeSpan.FromSeconds(30));
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(TestGate.StrongPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByLabel("6-digit code from your authenticator app").FillAsync(TotpCode.Compute(secret, Gate.Time.GetUtcNow()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify code" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your accounts" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Trade, orders and fills" })).ToBeVisibleAsync();
        return page;
    }

    private static IFormData FormOf(IPage page, Dictionary<string, string> fields)
    {
        var form = page.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return form;
    }

}
