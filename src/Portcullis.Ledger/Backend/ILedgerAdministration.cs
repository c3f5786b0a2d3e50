using Portcullis.Ledger.Accounts;
using Portcullis.Ledger.Instruments;
using Portcullis.Ledger.Journal;
using Portcullis.Ledger.Orders;

namespace Portcullis.Ledger.Backend;

/// <summary>
/// What the host and the admin CLI do with the paper ledger, beyond the trading API: migrate, open accounts, define
/// instruments, process prices in the background, and check the books (<c>portcullis ledger check</c>).
/// </summary>
public interface ILedgerAdministration
{
    /// <summary>Creates or upgrades the ledger's tables (history in <c>__ledger_migrations</c>); SQLite is switched to WAL.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    Task<LedgerResult<AccountInfo>> OpenAccountAsync(Guid accountId, string baseCurrency, string legalEntity, string jurisdiction,
        CancellationToken cancellationToken);

    Task<LedgerResult<AccountInfo>> GetAccountAsync(Guid accountId, CancellationToken cancellationToken);

    Task<LedgerResult<Instrument>> UpsertInstrumentAsync(Instrument instrument, CancellationToken cancellationToken);

    /// <summary>Expires day orders, triggers stops and fills crossed orders. A background service calls it every <c>Ledger:Prices:ProcessInterval</c>.</summary>
    Task<PriceProcessingReport> ProcessPricesAsync(CancellationToken cancellationToken);

    /// <summary>Verifies that every entry balances and every account's balances equal its journal; names the first inconsistency.</summary>
    Task<LedgerCheckReport> CheckAsync(CancellationToken cancellationToken);
}
