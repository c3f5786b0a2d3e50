using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Portcullis.Storage.Postgres;
using Portcullis.Storage.Sqlite;

namespace Portcullis.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's model without a running host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteGateDbContext>
{
    public SqliteGateDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteGateDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Design-time factory for the PostgreSQL model (no connection is opened).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresGateDbContext>
{
    public PostgresGateDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresGateDbContext>().UseNpgsql("Host=localhost").Options);
}
