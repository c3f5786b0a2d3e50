using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.Core.Policy;
using Portcullis.Core.Users;
using Portcullis.Server.Hosting;
using Portcullis.Testing;

namespace Portcullis.Core.Tests.Protection;

/// <summary>The Core services over a fresh SQLite store in a temp folder, with a <see cref="FakeTimeProvider"/>.</summary>
internal sealed class ProtectionFixture : IAsyncDisposable
{
    private readonly TempDirectory _data = new();
    private readonly ServiceProvider _provider;

    private ProtectionFixture(IReadOnlyDictionary<string, string?>? settings)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["Storage:DataDirectory"] = _data.Path };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddPortcullis(configuration);
        services.AddSingleton<TimeProvider>(Time);
        _provider = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero));

    public IServiceProvider Services => _provider;

    public IGateStore Store => _provider.GetRequiredService<IGateStore>();

    public static async Task<ProtectionFixture> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var fixture = new ProtectionFixture(settings);
        Assert.Empty(fixture._provider.CheckConfiguration());
        await fixture.Store.MigrateAsync(CancellationToken.None);
        return fixture;
    }

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public async Task<User> CreateUserAsync(string username = "alice")
    {
        var result = await Get<UserService>().CreateAsync(new NewUser(username, username, UserRole.AccountHolder, TestGate.StrongPassword), "test",
            CancellationToken.None);
        return result.Value.User;
    }

    public async Task<AccountProtection> LoadAsync(Guid userId)
    {
        // As a request does: the user read afresh, with its security version, then its protection (perhaps from the cache).
        await using var unit = await Store.OpenAsync(CancellationToken.None);
        var user = await unit.Users.FindAsync(userId, CancellationToken.None) ?? throw new InvalidOperationException("No such user.");
        return await Get<IAccountProtectionSource>().LoadAsync(unit, user, CancellationToken.None);
    }

    public async Task StageAsync(Action<IGateUnit> change)
    {
        await using var unit = await Store.OpenAsync(CancellationToken.None);
        change(unit);
        await unit.CommitAsync(CancellationToken.None);
    }

    public async Task<List<AuditEvent>> AuditAsync(string type)
    {
        await using var unit = await Store.OpenAsync(CancellationToken.None);
        var events = new List<AuditEvent>();
        await foreach (var e in unit.Audit.ReadAllAsync(CancellationToken.None))
        {
            if (e.Type == type)
            {
                events.Add(e);
            }
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        _data.Dispose();
    }
}
