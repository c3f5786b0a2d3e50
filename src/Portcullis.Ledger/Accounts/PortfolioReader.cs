using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Persistence;
using Portcullis.Ledger.Prices;

namespace Portcullis.Ledger.Accounts;

/// <summary>Reads an account's cash, positions, equity and buying power (a consistent read of one moment).</summary>
internal sealed class PortfolioReader(LedgerDatabase database, IPriceSource prices)
{
    private readonly FxConverter _fx = new(prices);

    public async Task<LedgerResult<Portfolio>> ReadAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var snapshot = await database.ReadSnapshotAsync(async db =>
        {
            var account = await LedgerQueries.For(db).AccountAsync(db, accountId, cancellationToken);
            return account is null ? null : await AccountSnapshot.LoadAsync(db, account, cancellationToken);
        }, cancellationToken);
        if (snapshot is null)
        {
            return LedgerErrors.Error(LedgerErrors.AccountNotFound, "No such ledger account.");
        }

        var cash = snapshot.Balances.Where(b => b.Kind == BalanceKind.Cash).OrderBy(b => b.Asset, StringComparer.Ordinal)
            .Select(b => new CashBalance(b.Asset, b.Amount, snapshot.AvailableCash(b.Asset))).ToList();
        var positions = new List<PositionInfo>();
        foreach (var balance in snapshot.Balances.Where(b => b.Kind == BalanceKind.Position && b.Amount != 0).OrderBy(b => b.Asset, StringComparer.Ordinal))
        {
            var instrument = snapshot.Instruments[balance.Asset];
            var quote = await prices.GetQuoteAsync(balance.Asset, cancellationToken);
            positions.Add(new PositionInfo(balance.Asset, balance.Amount, Money.Round(balance.CostBasis / (balance.Amount * instrument.Multiplier)),
                instrument.Currency, quote?.Price, quote is null ? null : Money.Round(balance.Amount * quote.Price * instrument.Multiplier)));
        }

        var value = await snapshot.ValueAsync(prices, _fx, cancellationToken);
        var buyingPower = await snapshot.BuyingPowerAsync(prices, _fx, null, cancellationToken) ?? 0m;
        var account = snapshot.Account;
        return new Portfolio(account.Id, account.BaseCurrency, account.MarginMode, account.Leverage, cash, positions, value?.Equity, Math.Max(0m, buyingPower));
    }
}
