using Portcullis.Testing;

namespace Portcullis.Ledger.Tests;

public sealed class PostgresLedgerStoreFixture : LedgerStoreFixture
{
    private PostgresDatabase? _database;

    public override string Provider => LedgerOptions.Postgres;

    public override async Task InitializeAsync()
    {
        if (!PostgresDatabase.Available)
        {
            return;
        }

        _database = await PostgresDatabase.CreateAsync();
        ConnectionString = _database.ConnectionString;
        await TestLedger.PrepareAsync(Provider, ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
