using Microsoft.Extensions.Logging.Abstractions;
using Portcullis.Ledger.Orders;

namespace Portcullis.Ledger.Tests;

public abstract partial class LedgerConformance
{
    [SkippableFact]
    public async Task PriceProcessingLoop_OnePass_FillsCrossedOrders()
    {
        using var t = Open();
        var account = await t.NewAccountAsync(usd: 1_000m);
        await t.Ledger.PlaceOrderAsync(account, Limit("buy", 5, 90m), null, None);
        var loop = new PriceProcessingLoop(t.Ledger, t.Options, t.Time, NullLogger<PriceProcessingLoop>.Instance);
        t.Prices.Set("ACME", 89m);

        var report = await loop.RunOnceAsync(None);

        Assert.NotNull(report);
        Assert.Equal(OrderStatus.Filled, Assert.Single((await t.Ledger.GetOrdersAsync(account, false, None)).Value).Status);
    }
}
