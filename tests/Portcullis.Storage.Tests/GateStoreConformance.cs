using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Core.Accounts;
using Portcullis.Core.Audit;
using Portcullis.Core.Devices;
using Portcullis.Core.Persistence;
using Portcullis.Core.Sessions;
using Portcullis.Core.Users;
using Portcullis.Server.Hosting;

namespace Portcullis.Storage.Tests;

/// <summary>
/// The contract every <see cref="IGateStore"/> must keep, run once per storage provider. Each test gets a
/// fresh, migrated database built the way the app builds it (<see cref="PortcullisServices.AddPortcullis"/>
/// over in-memory configuration) with a <see cref="FakeTimeProvider"/>. A provider supplies the database
/// (<see cref="CreateEmptyDatabaseAsync"/>) and raw access to it, for the tests that tamper with rows.
/// The tests are split by area over the <c>GateStoreConformance.*.cs</c> files.
/// </summary>
public abstract partial class GateStoreConformance : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(3));
    private readonly List<ServiceProvider> _providers = [];
    private TestDatabase? _database;
    private IGateStore? _store;

    protected FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Cancels a test that hangs (e.g. on a lock) instead of stalling the whole run.</summary>
    protected CancellationToken Ct => _timeout.Token;

    /// <summary>The migrated store under test.</summary>
    protected IGateStore Store => _store ?? throw new InvalidOperationException("The store is not set up.");

    /// <summary>The provider name the store must report, e.g. <c>sqlite</c>.</summary>
    protected abstract string ExpectedProvider { get; }

    /// <summary>
    /// SQL that switches off the append-only triggers on <c>audit_events</c>, as an attacker with the
    /// database owner's rights could: the hash chain must still catch what they do next.
    /// </summary>
    protected abstract string DisableAppendOnlyTriggersSql { get; }

    public async Task InitializeAsync()
    {
        _database = await CreateEmptyDatabaseAsync();
        _store = BuildStore(_database);
        await _store.MigrateAsync(Ct);
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await DropDatabasesAsync();
        _timeout.Dispose();
    }

    /// <summary>Creates an empty database (nothing migrated) that is dropped when the test ends.</summary>
    protected abstract Task<TestDatabase> CreateEmptyDatabaseAsync();

    /// <summary>Drops every database <see cref="CreateEmptyDatabaseAsync"/> created.</summary>
    protected abstract Task DropDatabasesAsync();

    /// <summary>An ADO.NET connection to a database, bypassing the store (not yet open).</summary>
    protected abstract DbConnection CreateRawConnection(string connectionString);

    /// <summary>A store over an empty database of its own, built like the app's, not yet migrated.</summary>
    protected async Task<IGateStore> CreateUnmigratedStoreAsync() => BuildStore(await CreateEmptyDatabaseAsync());

    /// <summary>
    /// Another store on the test's database, with its own service provider: a second gate node, or the admin
    /// CLI beside the server. In-process coordination (such as a write queue) does not span the two.
    /// </summary>
    protected IGateStore BuildSecondStore(Action<IServiceCollection>? configure = null) => BuildStore(_database!, configure);

    /// <summary>A store over <paramref name="database"/>, built as the app builds it (not migrated).</summary>
    protected IGateStore BuildStore(TestDatabase database, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build();
        var services = new ServiceCollection().AddPortcullis(configuration);
        services.AddSingleton<TimeProvider>(Time);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        Assert.Empty(provider.CheckConfiguration());
        return provider.GetRequiredService<IGateStore>();
    }

    /// <summary>Runs SQL against the store's database directly; returns the rows affected.</summary>
    protected async Task<int> ExecuteRawAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = CreateRawConnection(_database!.RawConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteNonQueryAsync(Ct);
    }

    /// <summary>Opens a unit, lets <paramref name="change"/> stage changes, and commits.</summary>
    protected async Task CommitAsync(Action<IGateUnit> change)
    {
        await using var unit = await Store.OpenAsync(Ct);
        change(unit);
        await unit.CommitAsync(Ct);
    }

    /// <summary>Reads through a unit of its own, which is then disposed without committing.</summary>
    protected async Task<T> ReadAsync<T>(Func<IGateUnit, Task<T>> read)
    {
        await using var unit = await Store.OpenAsync(Ct);
        return await read(unit);
    }

    protected async Task<List<AuditEvent>> ReadAuditAsync()
    {
        await using var unit = await Store.OpenAsync(Ct);
        var rows = new List<AuditEvent>();
        await foreach (var row in unit.Audit.ReadAllAsync(Ct))
        {
            rows.Add(row);
        }

        return rows;
    }

    protected async Task<AuditVerification> VerifyAuditAsync()
    {
        await using var unit = await Store.OpenAsync(Ct);
        return await AuditVerifier.VerifyAsync(unit.Audit.ReadAllAsync(Ct), await unit.Audit.GetHeadAsync(Ct), Ct);
    }

    protected static byte[] RandomHash() => RandomNumberGenerator.GetBytes(32);

    protected User NewUser(string username = "alice", UserRole role = UserRole.AccountHolder) => new()
    {
        Id = Guid.NewGuid(),
        Username = Username.Normalize(username),
        DisplayName = username,
        Role = role,
        PasswordHash = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$c29tZWhhc2hzb21laGFzaHNvbWVoYXNo",
        CreatedAt = Time.GetUtcNow(),
    };

    protected Account NewAccount(string number = "PC-100001") => new()
    {
        Id = Guid.NewGuid(),
        Number = number,
        Name = "Main " + number,
        LegalEntity = "Portcullis Securities LLC",
        Jurisdiction = "US",
        CreatedAt = Time.GetUtcNow(),
    };

    protected AccountMember NewMember(Account account, User user, AccountRole role = AccountRole.Owner) => new()
    {
        AccountId = account.Id,
        UserId = user.Id,
        Role = role,
        CreatedAt = Time.GetUtcNow(),
    };

    protected Device NewDevice(User user, byte[]? tokenHash = null, DateTimeOffset? lastSeenAt = null) => new()
    {
        Id = Guid.NewGuid(),
        UserId = user.Id,
        Name = "Firefox on Linux",
        Kind = DeviceKind.Browser,
        TokenHash = tokenHash ?? RandomHash(),
        FirstSeenAt = Time.GetUtcNow(),
        LastSeenAt = lastSeenAt ?? Time.GetUtcNow(),
        LastIp = "192.0.2.10",
    };

    /// <summary>
    /// A session created now, active for 12 hours with a 30-minute idle timeout, with one password
    /// authentication event; the parameters move its times.
    /// </summary>
    protected Session NewSession(User user, DateTimeOffset? createdAt = null, DateTimeOffset? lastSeenAt = null,
        DateTimeOffset? absoluteExpiresAt = null, byte[]? tokenHash = null)
    {
        var created = createdAt ?? Time.GetUtcNow();
        var id = Guid.NewGuid();
        return new Session
        {
            Id = id,
            UserId = user.Id,
            TokenHash = tokenHash ?? RandomHash(),
            Client = SessionClient.Native,
            Ip = "192.0.2.10",
            UserAgent = "portcullis-tests/1.0",
            CreatedAt = created,
            LastSeenAt = lastSeenAt ?? created,
            AbsoluteExpiresAt = absoluteExpiresAt ?? created + TimeSpan.FromHours(12),
            IdleTimeout = TimeSpan.FromMinutes(30),
            Authentications = [new SessionAuthentication { SessionId = id, Method = AuthenticationMethods.Password, At = created }],
        };
    }

    protected static AuditRecord NewRecord(int n, string type = AuditEventTypes.UserCreated) =>
        new(type, "ok", Actors.Cli, $"user:{n}", $"192.0.2.{n}", new Dictionary<string, object?> { ["n"] = n });

    /// <summary>A database for one test: the gate's <c>Storage</c> settings, and where to reach it directly.</summary>
    protected sealed record TestDatabase(IReadOnlyDictionary<string, string?> Settings, string RawConnectionString);
}
