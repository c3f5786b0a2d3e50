using Microsoft.EntityFrameworkCore;
using Portcullis.Ledger.Persistence;

namespace Portcullis.Ledger.Tests;

public sealed class LedgerMigrationsTests
{
    [Fact]
    public void SqliteMigrations_MatchTheModel()
    {
        using var db = new SqliteLedgerDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "run dotnet ef migrations add for SqliteLedgerDbContext (docs/ledger.md)");
    }

    [Fact]
    public void PostgresMigrations_MatchTheModel()
    {
        using var db = new PostgresLedgerDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "run dotnet ef migrations add for PostgresLedgerDbContext (docs/ledger.md)");
    }

    [Fact]
    public void EveryTable_IsPrefixed_SoTheLedgerCanShareTheGatesDatabase()
    {
        using var db = new SqliteLedgerDesignTimeFactory().CreateDbContext([]);
        Assert.All(db.Model.GetEntityTypes(), e => Assert.StartsWith("ledger_", e.GetTableName()));
        Assert.Equal("__ledger_migrations", LedgerDbContext.MigrationsHistoryTable);
    }
}
