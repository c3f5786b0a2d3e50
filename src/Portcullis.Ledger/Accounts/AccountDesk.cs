using Microsoft.EntityFrameworkCore;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Margin;
using Portcullis.Ledger.Persistence;

namespace Portcullis.Ledger.Accounts;

/// <summary>Opens ledger accounts for the gate's accounts (cash accounts, leverage 1, no money).</summary>
internal sealed class AccountDesk(LedgerDatabase database, TimeProvider time)
{
    public Task<LedgerResult<AccountInfo>> OpenAsync(Guid accountId, string baseCurrency, string legalEntity, string jurisdiction,
        CancellationToken cancellationToken)
    {
        if (accountId == Guid.Empty || !Money.IsCurrencyCode(baseCurrency)
            || string.IsNullOrWhiteSpace(legalEntity) || legalEntity.Length > 200
            || string.IsNullOrWhiteSpace(jurisdiction) || jurisdiction.Length > 64)
        {
            return Task.FromResult<LedgerResult<AccountInfo>>(LedgerErrors.Error(LedgerErrors.InvalidAccount,
                "An account needs an id, an ISO 4217 base currency, a legal entity (≤ 200) and a jurisdiction (≤ 64)."));
        }

        return database.WriteAsync(async db =>
        {
            if (await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken))
            {
                return LedgerErrors.Error(LedgerErrors.AccountExists, "This account already has a ledger account.");
            }

            var account = new LedgerAccount
            {
                Id = accountId,
                BaseCurrency = baseCurrency,
                LegalEntity = legalEntity.Trim(),
                Jurisdiction = jurisdiction.Trim(),
                MarginMode = MarginMode.Cash,
                Leverage = 1m,
                CreatedAt = time.GetUtcNow(),
            };
            db.Accounts.Add(account);
            return LedgerResult<AccountInfo>.Success(Info(account));
        }, cancellationToken);
    }

    public async Task<LedgerResult<AccountInfo>> GetAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var account = await database.ReadAsync(db => LedgerQueries.For(db).AccountAsync(db, accountId, cancellationToken), cancellationToken);
        return account is null ? LedgerErrors.Error(LedgerErrors.AccountNotFound, "No such ledger account.") : Info(account);
    }

    private static AccountInfo Info(LedgerAccount a) =>
        new(a.Id, a.BaseCurrency, a.LegalEntity, a.Jurisdiction, a.MarginMode, a.Leverage, a.CreatedAt);
}
