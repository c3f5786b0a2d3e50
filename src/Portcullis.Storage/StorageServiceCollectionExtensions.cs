using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portcullis.Core.Configuration;
using Portcullis.Core.Persistence;
using Portcullis.Core.Secrets;
using Portcullis.Storage.Postgres;
using Portcullis.Storage.Sqlite;

namespace Portcullis.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="IGateStore"/> for the provider named in <see cref="StorageOptions"/>
    /// (bound by the host). Contexts are pooled: a unit of work costs no model building.
    /// </summary>
    public static IServiceCollection AddPortcullisStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>();
        services.AddSingleton<IConfigurationCheck, StorageConfigurationCheck>();
        services.AddPooledDbContextFactory<SqliteGateDbContext>((sp, builder) =>
            builder.UseSqlite(Options(sp).EffectiveConnectionString).AddInterceptors(new SqlitePragmaInterceptor(Options(sp).GroupCommit)));
        services.AddPooledDbContextFactory<PostgresGateDbContext>((sp, builder) =>
            builder.UseNpgsql(Options(sp).ConnectionString));
        services.AddSingleton<ISecretProtector>(sp => KeyRingFile.LoadOrCreate(Options(sp).EffectiveKeyRingFile));
        services.AddSingleton<IGateStore>(sp =>
        {
            var options = Options(sp);
            Func<GateDbContext> contexts = options.IsPostgres
                ? sp.GetRequiredService<IDbContextFactory<PostgresGateDbContext>>().CreateDbContext
                : sp.GetRequiredService<IDbContextFactory<SqliteGateDbContext>>().CreateDbContext;
            return new EfGateStore(options, contexts, sp.GetRequiredService<TimeProvider>(), sp.GetService<Portcullis.Core.Notifications.Delivery.OutboxSignal>());
        });
        return services;
    }

    private static StorageOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<StorageOptions>>().Value;
}
