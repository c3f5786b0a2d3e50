using Npgsql;

namespace Portcullis.Testing;

/// <summary>
/// A throw-away PostgreSQL database for one test class, created from the server named by
/// <c>PORTCULLIS_TEST_POSTGRES</c> (a connection string whose role may create databases) and dropped after.
/// When the variable is not set, tests that need it report themselves skipped with that reason.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string Variable = "PORTCULLIS_TEST_POSTGRES";
    public const string SkipReason = "PostgreSQL tests need PORTCULLIS_TEST_POSTGRES (a connection string); .ci/run sets it.";

    private readonly string _admin;

    private PostgresDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        Name = name;
        ConnectionString = connectionString;
    }

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool Available => ServerConnectionString is not null;

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>Creates an empty database; the gate's migrations fill it.</summary>
    public static async Task<PostgresDatabase> CreateAsync()
    {
        var admin = ServerConnectionString ?? throw new InvalidOperationException(SkipReason);
        var name = "portcullis_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new PostgresDatabase(admin, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
