using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Sessions;
using Portcullis.Storage.Sqlite;

namespace Portcullis.Benchmarks.Sessions;

/// <summary>
/// What finding the session behind a bearer token costs on every authenticated request, against a real
/// SQLite file (WAL, <c>synchronous=FULL</c>), from the SHA-256 of the token alone up to the full
/// <see cref="SessionService.AuthenticateAsync"/>. The clock is frozen at sign-in time, so the once-per-30-s
/// activity write never happens: this is the read path every other request takes.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class SessionLookupBenchmarks
{
    private BenchGate _gate = null!;
    private SessionService _sessions = null!;
    private IDbContextFactory<SqliteGateDbContext> _contexts = null!;
    private string _connectionString = null!;
    private string _token = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _gate = await BenchGate.StartAsync(new FrozenTimeProvider(TimeProvider.System.GetUtcNow()), null, CancellationToken.None);
        _token = (await _gate.SignInAsync(null, CancellationToken.None)).SessionToken;
        _sessions = _gate.Services.GetRequiredService<SessionService>();
        _contexts = _gate.Services.GetRequiredService<IDbContextFactory<SqliteGateDbContext>>();
        _connectionString = _gate.ConnectionString;
        if (await AuthenticateAsync() is null || await EfSessionQueryAsync() is null || await SqliteLookupAsync() is null)
        {
            throw new InvalidOperationException("The session was not found: the benchmark would measure a miss.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _gate.DisposeAsync();

    [Benchmark(Baseline = true, Description = "SHA-256 of the token")]
    public byte[] TokenHash() => SessionToken.Hash(_token);

    /// <summary>The floor: hash, a pooled connection, one indexed SELECT, no ORM.</summary>
    [Benchmark(Description = "ADO.NET SELECT by token hash")]
    public Task<object?> SqliteLookupAsync() => LookupAsync(pragmas: false);

    /// <summary>As above, plus the two PRAGMAs the store's interceptor runs on every connection open.</summary>
    [Benchmark(Description = "ADO.NET SELECT + per-open PRAGMAs")]
    public Task<object?> SqliteLookupWithPragmasAsync() => LookupAsync(pragmas: true);

    /// <summary>
    /// Opening and closing the connection of a pooled context, no query: EF Core does this around every
    /// query outside a transaction, and on each open it registers its SQLite functions and the store's
    /// interceptor runs its PRAGMAs.
    /// </summary>
    [Benchmark(Description = "EF connection open + close")]
    public async Task EfConnectionOpenAsync()
    {
        await using var db = await _contexts.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await db.Database.CloseConnectionAsync();
    }

    /// <summary>The store's query (tracked, authentications auto-included) on a pooled context.</summary>
    [Benchmark(Description = "EF query on a pooled context")]
    public async Task<Session?> EfSessionQueryAsync()
    {
        var hash = SessionToken.Hash(_token);
        await using var db = await _contexts.CreateDbContextAsync();
        return await db.Sessions.FirstOrDefaultAsync(s => s.TokenHash == hash);
    }

    [Benchmark(Description = "SessionService.AuthenticateAsync")]
    public Task<SessionContext?> AuthenticateAsync() => _sessions.AuthenticateAsync(_token, CancellationToken.None);

    private async Task<object?> LookupAsync(bool pragmas)
    {
        var hash = SessionToken.Hash(_token);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        if (pragmas)
        {
            command.CommandText = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
            await command.ExecuteNonQueryAsync();
        }

        command.CommandText = "SELECT id FROM sessions WHERE token_hash = $hash";
        command.Parameters.AddWithValue("$hash", hash);
        return await command.ExecuteScalarAsync();
    }
}
