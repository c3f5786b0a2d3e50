namespace Portcullis.Ledger.Tests;

/// <summary>One migrated database per test class; each test opens its own accounts in it.</summary>
public abstract class LedgerStoreFixture : IAsyncLifetime
{
    public abstract string Provider { get; }

    public string ConnectionString { get; protected set; } = string.Empty;

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    public TestLedger Create(Action<LedgerOptions>? configure = null) => new(Provider, ConnectionString, configure);
}
