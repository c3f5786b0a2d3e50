using Microsoft.EntityFrameworkCore.Design;
using Portcullis.Ledger.Persistence.Postgres;
using Portcullis.Ledger.Persistence.Sqlite;

namespace Portcullis.Ledger.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without a running host.</summary>
internal sealed class SqliteLedgerDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLedgerDbContext>
{
    public SqliteLedgerDbContext CreateDbContext(string[] args) => new(LedgerContextOptions.Sqlite("Data Source=design.db"));
}

/// <summary>Design-time factory for the PostgreSQL model (no connection is opened).</summary>
internal sealed class PostgresLedgerDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLedgerDbContext>
{
    public PostgresLedgerDbContext CreateDbContext(string[] args) => new(LedgerContextOptions.Postgres("Host=localhost"));
}
