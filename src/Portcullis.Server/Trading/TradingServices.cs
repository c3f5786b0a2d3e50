using Microsoft.Extensions.Options;
using Portcullis.Core.Configuration;
using Portcullis.Ledger;
using Portcullis.Storage;

namespace Portcullis.Server.Trading;

public static class TradingServices
{
    /// <summary>
    /// The paper ledger behind the gate (docs/ledger.md) and what the gate needs to run it. Without its own
    /// <c>Ledger:ConnectionString</c>, the ledger lives beside the gate's store: <c>&lt;DataDirectory&gt;/ledger.db</c> for
    /// SQLite, the gate's own database for PostgreSQL (its tables are prefixed <c>ledger_</c>).
    /// </summary>
    public static IServiceCollection AddPortcullisTrading(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TradingOptions>(configuration.GetSection(TradingOptions.Section));
        services.Configure<LedgerOptions>(configuration.GetSection(LedgerOptions.Section));
        var ownSection = configuration.GetSection(LedgerOptions.Section);
        var inherits = string.IsNullOrWhiteSpace(ownSection["ConnectionString"]) && ownSection["Provider"] is null;
        services.AddSingleton(new LedgerPlacement(inherits));
        services.AddOptions<LedgerOptions>().Configure<IOptions<StorageOptions>>((ledger, storage) =>
        {
            if (!inherits)
            {
                return;
            }

            var s = storage.Value;
            ledger.Provider = s.IsPostgres ? LedgerOptions.Postgres : LedgerOptions.Sqlite;
            ledger.ConnectionString = s.IsPostgres ? s.ConnectionString : $"Data Source={Path.Combine(s.DataDirectory, "ledger.db")}";
        });
        services.AddPortcullisLedger();
        services.AddSingleton<IConfigurationCheck, TradingConfigurationCheck>();
        services.AddSingleton<LedgerAccounts>();
        services.AddSingleton<TradeConfirmations>();
        services.AddSingleton<TradingAudit>();
        services.AddSingleton<Core.Holds.IHeldOperationExecutor, OrderPlaceExecutor>();
        return services;
    }

    /// <summary>Creates or upgrades the gate's store and the ledger (and loads the demo instruments into an empty ledger).</summary>
    public static async Task MigrateAllAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<Core.Persistence.IGateStore>().MigrateAsync(cancellationToken);
        await services.GetRequiredService<LedgerAccounts>().MigrateAsync(cancellationToken);
    }
}

/// <summary>Whether the ledger was given its own store or lives beside the gate's (and so shares the gate's connection settings).</summary>
public sealed record LedgerPlacement(bool InheritsStorage);
