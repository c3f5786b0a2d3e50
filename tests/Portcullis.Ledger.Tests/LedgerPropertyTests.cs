using FsCheck;
using FsCheck.Fluent;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Orders;
using Op = Portcullis.Ledger.Tests.LedgerOperation;

namespace Portcullis.Ledger.Tests;

/// <summary>
/// Random sequences of deposits, orders, price moves, fills, cancels, replacements, withdrawals, margin changes and
/// time passing. After every sequence: every journal entry balances and every balance equals its journal
/// (<c>CheckAsync</c>); no cash appears or disappears (per currency: deposits − withdrawals − paid for buys + received
/// for sells = cash); positions equal bought − sold; and every refused operation left the books as they were.
/// </summary>
public sealed class LedgerPropertyTests(SqliteLedgerStoreFixture sqlite, PostgresLedgerStoreFixture postgres)
    : IClassFixture<SqliteLedgerStoreFixture>, IClassFixture<PostgresLedgerStoreFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static Gen<Op> Operation { get; } = Gen.Frequency(
        (2, from currency in Gen.Elements("USD", "USD", "EUR")
            from cents in Gen.Choose(1, 500_000)
            select (Op)new Op.Deposit(currency, cents / 100m)),
        (5, from symbol in Gen.Elements("ACME", "ACME", "SAP")
            from side in Gen.Elements("buy", "buy", "sell")
            from type in Gen.Elements("market", "limit", "stop", "stop_limit")
            from quantity in Gen.Choose(1, 30)
            from ticks in Gen.Choose(-300, 300)
            from tif in Gen.Elements("day", "gtc")
            from keyed in Gen.Elements(true, false)
            select (Op)new Op.Place(symbol, side, type, quantity, ticks, tif, keyed)),
        (3, from symbol in Gen.Elements("ACME", "SAP", "EURUSD")
            from percent in Gen.Choose(-10, 10)
            select (Op)new Op.MovePrice(symbol, percent)),
        (2, Gen.Constant((Op)new Op.Process())),
        (1, Gen.Choose(0, 15).Select(i => (Op)new Op.Cancel(i))),
        (1, from i in Gen.Choose(0, 15) from q in Gen.Choose(1, 30) select (Op)new Op.Replace(i, q)),
        (2, from currency in Gen.Elements("USD", "EUR")
            from cents in Gen.Choose(1, 300_000)
            select (Op)new Op.Withdraw(currency, cents / 100m)),
        (1, Gen.Choose(0, 30).Select(h => (Op)new Op.Advance(h))),
        (1, from mode in Gen.Elements("cash", "margin") from leverage in Gen.Choose(1, 3) select (Op)new Op.Margin(mode, leverage)));

    [Fact]
    public void RandomSessions_KeepTheBooksBalanced_OnSqlite() => Check(sqlite, tests: 25);

    [SkippableFact]
    public void RandomSessions_KeepTheBooksBalanced_OnPostgres()
    {
        Skip.If(postgres.ConnectionString.Length == 0, Portcullis.Testing.PostgresDatabase.SkipReason);
        Check(postgres, tests: 8);
    }

    private static void Check(LedgerStoreFixture store, int tests)
    {
        var totals = new Totals();
        var sessions = Gen.ListOf(Operation).Select(ops => ops.ToArray()).Resize(60);
        Prop.ForAll(sessions.ToArbitrary(), ops => Task.Run(() => RunAsync(store, ops, totals)).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(tests));

        // The sessions did exercise fills and refusals (a property over empty sessions would prove nothing).
        Assert.True(totals.Fills > 0 && totals.Refused > 0, $"fills {totals.Fills}, refused {totals.Refused}");
    }

    private sealed class Totals
    {
        public int Fills { get; set; }

        public int Refused { get; set; }
    }

    private static async Task<bool> RunAsync(LedgerStoreFixture store, Op[] operations, Totals totals)
    {
        using var t = store.Create(o => o.DestinationHold = TimeSpan.Zero);
        var account = await t.NewAccountAsync();
        var ledger = t.Ledger;
        var destination = (await ledger.AddDestinationAsync(account, "Bank", "DE89370400440532013000", None)).Value.Id;
        var deposited = new Dictionary<string, decimal> { ["USD"] = 0m, ["EUR"] = 0m };
        var withdrawn = new Dictionary<string, decimal> { ["USD"] = 0m, ["EUR"] = 0m };
        var orders = new List<Guid>();
        var step = 0;
        foreach (var operation in operations)
        {
            step++;
            var before = await LedgerConformanceBooks.ReadAsync(t, account);
            LedgerError? error = null;
            switch (operation)
            {
                case Op.Deposit d:
                    var deposit = await ledger.DepositAsync(account, d.Currency, d.Amount, null, None);
                    error = deposit.Error;
                    if (deposit.IsSuccess)
                    {
                        deposited[d.Currency] += d.Amount;
                    }

                    break;
                case Op.Place p:
                    var reference = (await ledger.GetQuoteAsync(p.Symbol, None)).Value.Price;
                    var price = Math.Max(0.01m, Math.Round(reference + p.TicksAway * 0.01m, 2));
                    var request = p.Type switch
                    {
                        "market" => new OrderRequest(p.Symbol, p.Side, p.Type, p.Quantity, TimeInForce: p.TimeInForce),
                        "limit" => new OrderRequest(p.Symbol, p.Side, p.Type, p.Quantity, LimitPrice: price, TimeInForce: p.TimeInForce),
                        "stop" => new OrderRequest(p.Symbol, p.Side, p.Type, p.Quantity, StopPrice: price, TimeInForce: p.TimeInForce),
                        _ => new OrderRequest(p.Symbol, p.Side, p.Type, p.Quantity, LimitPrice: price + 0.05m, StopPrice: price, TimeInForce: p.TimeInForce),
                    };
                    var key = p.Keyed ? $"k{step % 7}" : null;
                    var placed = await ledger.PlaceOrderAsync(account, request, key, None);
                    error = placed.Error;
                    if (placed.IsSuccess)
                    {
                        orders.Add(placed.Value.Id);
                    }

                    break;
                case Op.MovePrice m:
                    var current = (await t.Prices.GetQuoteAsync(m.Symbol, None))!.Price;
                    t.Prices.Set(m.Symbol, Math.Max(0.01m, Math.Round(current * (1 + m.Percent / 100m), 2)));
                    break;
                case Op.Process:
                    await ledger.ProcessPricesAsync(None);
                    break;
                case Op.Cancel c when orders.Count > 0:
                    error = (await ledger.CancelOrderAsync(account, orders[c.OrderIndex % orders.Count], None)).Error;
                    break;
                case Op.Replace r when orders.Count > 0:
                    var replacement = await ledger.ReplaceOrderAsync(account, orders[r.OrderIndex % orders.Count], new OrderChange(r.Quantity, 90m), None);
                    error = replacement.Error;
                    if (replacement.IsSuccess)
                    {
                        orders.Add(replacement.Value.Id);
                    }

                    break;
                case Op.Withdraw w:
                    var withdrawal = await ledger.WithdrawAsync(account, destination, w.Currency, w.Amount, null, None);
                    error = withdrawal.Error;
                    if (withdrawal.IsSuccess)
                    {
                        withdrawn[w.Currency] += w.Amount;
                    }

                    break;
                case Op.Advance a:
                    t.Time.Advance(TimeSpan.FromHours(a.Hours));
                    break;
                case Op.Margin g:
                    error = (await ledger.ChangeMarginAsync(account, g.Mode, g.Mode == "cash" ? 1 : g.Leverage, None)).Error;
                    break;
            }

            if (error is not null)
            {
                totals.Refused++;
                Assert.StartsWith("ledger.", error.Code);
                Assert.Equal(before, await LedgerConformanceBooks.ReadAsync(t, account));
            }
        }

        var report = await ledger.CheckAsync(None);
        Assert.True(report.IsConsistent, report.FirstProblem);
        var fills = (await ledger.GetFillsAsync(account, 0, None)).Value;
        totals.Fills += fills.Count;
        var portfolio = (await ledger.GetPortfolioAsync(account, None)).Value;
        foreach (var currency in new[] { "USD", "EUR" })
        {
            var paid = fills.Where(f => f.Currency == currency && f.Side == OrderSide.Buy).Sum(f => f.Notional);
            var received = fills.Where(f => f.Currency == currency && f.Side == OrderSide.Sell).Sum(f => f.Notional);
            var cash = portfolio.Cash.SingleOrDefault(c => c.Currency == currency)?.Amount ?? 0m;
            Assert.Equal(deposited[currency] - withdrawn[currency] - paid + received, cash);
        }

        foreach (var symbol in new[] { "ACME", "SAP" })
        {
            var held = fills.Where(f => f.Symbol == symbol).Sum(f => f.Side == OrderSide.Buy ? f.Quantity : -f.Quantity);
            Assert.Equal(held, portfolio.Positions.SingleOrDefault(p => p.Symbol == symbol)?.Quantity ?? 0m);
            Assert.True(held >= 0, "no short positions");
        }

        return true;
    }
}
