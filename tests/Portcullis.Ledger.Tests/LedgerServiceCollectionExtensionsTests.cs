using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Prices;
using Portcullis.Testing;

namespace Portcullis.Ledger.Tests;

public sealed class LedgerServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddPortcullisLedger_RegistersOneBrokerage_AndMigratesIntoItsOwnHistoryTable_InWalMode()
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "portcullis.db");
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(TestLedger.Start))
            .AddPortcullisLedger(o => o.ConnectionString = $"Data Source={file};Pooling=False");
        await using var provider = services.BuildServiceProvider();

        var backend = provider.GetRequiredService<IBrokerageBackend>();
        var admin = provider.GetRequiredService<ILedgerAdministration>();
        await admin.MigrateAsync(default);

        Assert.Same(backend, admin);
        Assert.IsType<RandomWalkPriceSource>(provider.GetRequiredService<IPriceSource>());
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM __ledger_migrations; PRAGMA journal_mode;";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(1L, reader.GetInt64(0));
        Assert.True(await reader.NextResultAsync() && await reader.ReadAsync());
        Assert.Equal("wal", reader.GetString(0));
    }

    [Fact]
    public void AddPortcullisLedger_RefusesBadOptions_WithEveryProblem()
    {
        var services = new ServiceCollection().AddPortcullisLedger(o =>
        {
            o.Provider = "oracle";
            o.MaxLeverage = 0;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LedgerOptions>>().Value);

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains("Ledger:Provider: must be 'sqlite' or 'postgres' (value: oracle)", error.Failures);
    }
}
