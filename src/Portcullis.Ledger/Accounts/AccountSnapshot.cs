using Microsoft.EntityFrameworkCore;
using Portcullis.Ledger.Instruments;
using Portcullis.Ledger.Margin;
using Portcullis.Ledger.Orders;
using Portcullis.Ledger.Persistence;
using Portcullis.Ledger.Prices;

namespace Portcullis.Ledger.Accounts;

/// <summary>
/// An account's balances and open orders as read inside its lock, with the sums that buying power, withdrawals and
/// margin changes need. Open buy orders reserve quantity × (limit, else stop) × multiplier; open sells reserve quantity.
/// </summary>
internal sealed class AccountSnapshot
{
    private AccountSnapshot(LedgerAccount account, List<Balance> balances, List<Order> openOrders, Dictionary<string, Instrument> instruments)
    {
        Account = account;
        Balances = balances;
        OpenOrders = openOrders;
        Instruments = instruments;
    }

    public LedgerAccount Account { get; }

    public List<Balance> Balances { get; }

    public List<Order> OpenOrders { get; }

    public Dictionary<string, Instrument> Instruments { get; }

    public static async Task<AccountSnapshot> LoadAsync(LedgerDbContext db, LedgerAccount account, CancellationToken cancellationToken)
    {
        var queries = LedgerQueries.For(db);
        var balances = await queries.BalancesAsync(db, account.Id, cancellationToken);
        var open = await queries.OpenOrdersAsync(db, account.Id, cancellationToken);
        var symbols = balances.Where(b => b.Kind == BalanceKind.Position).Select(b => b.Asset).Concat(open.Select(o => o.Symbol)).Distinct().ToList();
        var instruments = await queries.InstrumentsAsync(db, symbols, cancellationToken);
        return new AccountSnapshot(account, balances, open, instruments);
    }

    public decimal Cash(string currency) =>
        Balances.Where(b => b.Kind == BalanceKind.Cash && b.Asset == currency).Sum(b => b.Amount);

    public decimal Position(string symbol) =>
        Balances.Where(b => b.Kind == BalanceKind.Position && b.Asset == symbol).Sum(b => b.Amount);

    public IEnumerable<Order> Open(Guid? excluding) => OpenOrders.Where(o => o.Status == OrderStatus.Open && o.Id != excluding);

    /// <summary>Cash that open buy orders in <paramref name="currency"/> have reserved.</summary>
    public decimal ReservedCash(string currency, Guid? excluding = null) =>
        Open(excluding).Where(o => o.Side == OrderSide.Buy && Instruments.TryGetValue(o.Symbol, out var i) && i.Currency == currency)
            .Sum(o => Money.Round(o.Quantity * ReservationPrice(o) * Instruments[o.Symbol].Multiplier));

    /// <summary>Quantity that open sell orders have reserved.</summary>
    public decimal ReservedQuantity(string symbol, Guid? excluding = null) =>
        Open(excluding).Where(o => o.Side == OrderSide.Sell && o.Symbol == symbol).Sum(o => o.Quantity);

    public decimal AvailableCash(string currency, Guid? excluding = null) => Cash(currency) - ReservedCash(currency, excluding);

    /// <summary>
    /// Equity and the value of positions in the base currency, or <c>null</c> when a price or exchange rate is missing.
    /// </summary>
    public async Task<(decimal Equity, decimal Gross)?> ValueAsync(IPriceSource prices, FxConverter fx, CancellationToken cancellationToken)
    {
        var baseCurrency = Account.BaseCurrency;
        decimal equity = 0, gross = 0;
        foreach (var balance in Balances.Where(b => b.Amount != 0))
        {
            if (balance.Kind == BalanceKind.Cash)
            {
                if (await fx.ConvertAsync(balance.Amount, balance.Asset, baseCurrency, cancellationToken) is not { } cash)
                {
                    return null;
                }

                equity += cash;
                continue;
            }

            if (!Instruments.TryGetValue(balance.Asset, out var instrument)
                || await prices.GetQuoteAsync(balance.Asset, cancellationToken) is not { } quote
                || await fx.ConvertAsync(balance.Amount * quote.Price * instrument.Multiplier, instrument.Currency, baseCurrency, cancellationToken) is not { } value)
            {
                return null;
            }

            equity += value;
            gross += Math.Abs(value);
        }

        return (equity, gross);
    }

    /// <summary>
    /// Buying power in the base currency. Cash account: available cash in every currency, converted (currencies
    /// without a rate are left out). Margin account: equity × leverage − gross positions − open buys; <c>null</c>
    /// when the account cannot be valued.
    /// </summary>
    public async Task<decimal?> BuyingPowerAsync(IPriceSource prices, FxConverter fx, Guid? excluding, CancellationToken cancellationToken)
    {
        var baseCurrency = Account.BaseCurrency;
        var currencies = Balances.Where(b => b.Kind == BalanceKind.Cash).Select(b => b.Asset)
            .Concat(Instruments.Values.Select(i => i.Currency)).Distinct(StringComparer.Ordinal).ToList();
        if (Account.MarginMode == MarginMode.Cash)
        {
            decimal total = 0;
            foreach (var currency in currencies)
            {
                total += await fx.ConvertAsync(Math.Max(0, AvailableCash(currency, excluding)), currency, baseCurrency, cancellationToken) ?? 0m;
            }

            return total;
        }

        if (await ValueAsync(prices, fx, cancellationToken) is not { } value)
        {
            return null;
        }

        decimal reserved = 0;
        foreach (var currency in currencies)
        {
            if (ReservedCash(currency, excluding) is var amount and not 0m)
            {
                if (await fx.ConvertAsync(amount, currency, baseCurrency, cancellationToken) is not { } converted)
                {
                    return null;
                }

                reserved += converted;
            }
        }

        return Money.Round(value.Equity * Account.Leverage - value.Gross - reserved);
    }

    public static decimal ReservationPrice(Order order) => order.LimitPrice ?? order.StopPrice ?? order.FillPrice ?? 0m;
}
