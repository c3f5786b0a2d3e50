using System.Data.Common;
using Npgsql;
using Portcullis.Testing;

namespace Portcullis.Storage.Tests;

/// <summary>
/// The conformance suite on PostgreSQL: a throw-away database for each test on the server named by
/// <c>PORTCULLIS_TEST_POSTGRES</c>. Without it, every test reports itself skipped with the reason.
/// </summary>
public sealed class PostgresGateStoreTests : GateStoreConformance
{
    private readonly List<PostgresDatabase> _databases = [];

    protected override string ExpectedProvider => StorageOptions.Postgres;

    // The table owner (the gate's own role) may do this; the chain must still catch what follows.
    protected override string DisableAppendOnlyTriggersSql => "ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change;";

    protected override async Task<TestDatabase> CreateEmptyDatabaseAsync()
    {
        // Thrown from InitializeAsync, this reports each test as skipped (not passed) with the reason.
        Skip.IfNot(PostgresDatabase.Available, PostgresDatabase.SkipReason);
        var database = await PostgresDatabase.CreateAsync();
        _databases.Add(database);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = database.ConnectionString,
        };
        return new TestDatabase(settings, database.ConnectionString);
    }

    protected override async Task DropDatabasesAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }

    protected override DbConnection CreateRawConnection(string connectionString) => new NpgsqlConnection(connectionString);

    [SkippableFact]
    public async Task AppendOnlyTrigger_RefusesTruncate()
    {
        await CommitAsync(u => u.Audit.Append(NewRecord(1)));

        await Assert.ThrowsAsync<PostgresException>(() => ExecuteRawAsync("TRUNCATE audit_events"));

        Assert.Single(await ReadAuditAsync());
    }
}
