using Portcullis.Ledger.Accounts;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Persistence;
using Portcullis.Ledger.Prices;

namespace Portcullis.Ledger.Margin;

/// <summary>
/// Reads and changes an account's margin setting. Leaving margin (or lowering leverage) is refused while it would
/// leave a loan (a negative cash balance) or negative buying power.
/// </summary>
internal sealed class MarginDesk(LedgerDatabase database, IPriceSource prices, LedgerOptions options)
{
    public async Task<LedgerResult<MarginSettings>> GetAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var account = await database.ReadAsync(db => LedgerQueries.For(db).AccountAsync(db, accountId, cancellationToken), cancellationToken);
        return account is null
            ? LedgerErrors.Error(LedgerErrors.AccountNotFound, "No such ledger account.")
            : new MarginSettings(account.Id, account.MarginMode, account.Leverage, options.MaxLeverage);
    }

    public Task<LedgerResult<MarginSettings>> ChangeAsync(Guid accountId, string mode, decimal leverage, CancellationToken cancellationToken)
    {
        if (!LedgerNames.TryParse<MarginMode>(mode, out var parsed))
        {
            return Task.FromResult<LedgerResult<MarginSettings>>(LedgerErrors.Error(LedgerErrors.InvalidMarginMode, "Margin mode must be 'cash' or 'margin'."));
        }

        if (parsed == MarginMode.Cash ? leverage != 1m : leverage < 1m || leverage > options.MaxLeverage || Money.DecimalPlaces(leverage) > 2 && leverage != Math.Round(leverage, 2))
        {
            return Task.FromResult<LedgerResult<MarginSettings>>(LedgerErrors.Format(LedgerErrors.InvalidLeverage,
                $"Leverage must be 1 for a cash account and between 1 and {options.MaxLeverage} (two decimals) for a margin account."));
        }

        return database.WriteAsync<MarginSettings>(accountId, async (db, account) =>
        {
            var snapshot = await AccountSnapshot.LoadAsync(db, account, cancellationToken);
            account.MarginMode = parsed;
            account.Leverage = leverage;
            if (parsed == MarginMode.Cash && snapshot.Balances.Any(b => b.Kind == BalanceKind.Cash && b.Amount < 0))
            {
                return LedgerErrors.Error(LedgerErrors.MarginInUse, "The account has borrowed cash; repay it before leaving margin.");
            }

            if (parsed == MarginMode.Margin && await snapshot.BuyingPowerAsync(prices, new FxConverter(prices), null, cancellationToken) is not >= 0m)
            {
                return LedgerErrors.Error(LedgerErrors.MarginInUse, "The account's positions need more leverage than that.");
            }

            return new MarginSettings(account.Id, account.MarginMode, account.Leverage, options.MaxLeverage);
        }, cancellationToken);
    }
}
