namespace Portcullis.Ledger.Tests;

public sealed class SqliteLedgerStoreFixture : LedgerStoreFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portcullis-ledger-" + Guid.NewGuid().ToString("N"));

    public override string Provider => LedgerOptions.Sqlite;

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        ConnectionString = $"Data Source={Path.Combine(_folder, "ledger.db")};Pooling=False";
        await TestLedger.PrepareAsync(Provider, ConnectionString);
    }

    public override Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
