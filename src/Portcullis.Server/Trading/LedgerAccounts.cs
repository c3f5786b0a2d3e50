using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Portcullis.Core.Accounts;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Instruments;

namespace Portcullis.Server.Trading;

/// <summary>
/// Keeps the ledger in step with the gate: a gate account gets its ledger account (same id, legal entity and
/// jurisdiction, <c>Trading:BaseCurrency</c>) the first time it is used, and an empty ledger gets the demo instruments.
/// </summary>
public sealed class LedgerAccounts(ILedgerAdministration ledger, IBrokerageBackend backend, IOptions<TradingOptions> options)
{
    private readonly ConcurrentDictionary<Guid, bool> _opened = new();

    /// <summary>Opens the ledger account for <paramref name="account"/> unless it exists; safe to call on every request.</summary>
    public async Task EnsureAsync(Account account, CancellationToken cancellationToken)
    {
        if (_opened.ContainsKey(account.Id))
        {
            return;
        }

        var existing = await ledger.GetAccountAsync(account.Id, cancellationToken);
        if (!existing.IsSuccess)
        {
            var opened = await ledger.OpenAccountAsync(account.Id, options.Value.BaseCurrency, account.LegalEntity, account.Jurisdiction, cancellationToken);
            if (!opened.IsSuccess && opened.Error.Code != LedgerErrors.AccountExists)
            {
                // The gate's own data was refused by the ledger: a bug or a misconfiguration, not the caller's fault.
                throw new InvalidOperationException($"The ledger refused account {account.Id}: {opened.Error.Code}.");
            }
        }

        _opened.TryAdd(account.Id, true);
    }

    /// <summary>Creates or upgrades the ledger's tables and, with <c>Trading:SeedDemoInstruments</c>, fills an empty instrument list.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await ledger.MigrateAsync(cancellationToken);
        if (options.Value.SeedDemoInstruments && (await backend.GetInstrumentsAsync(cancellationToken)).Count == 0)
        {
            foreach (var instrument in DemoInstruments.All)
            {
                var result = await ledger.UpsertInstrumentAsync(instrument, cancellationToken);
                if (!result.IsSuccess)
                {
                    throw new InvalidOperationException($"The ledger refused demo instrument {instrument.Symbol}: {result.Error.Code}.");
                }
            }
        }
    }
}
