using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portcullis.Core.Sessions;
using Portcullis.Core.SignIn;
using Portcullis.Core.Users;
using Portcullis.Server.Hosting;
using Portcullis.Server.Trading;
using Portcullis.Storage;

namespace Portcullis.Benchmarks;

/// <summary>
/// The gate's services without HTTP, registered the way the CLI and the test gate register them
/// (<see cref="PortcullisServices.AddPortcullis"/>), over a fresh SQLite file in a temp folder that holds
/// one account holder. Disposing deletes the folder.
/// </summary>
public sealed class BenchGate : IAsyncDisposable
{
    public const string Username = "bench-user";
    public const string Password = "correct-fjord-lantern-quartz-7";

    private BenchGate(string dataDirectory, ServiceProvider services)
    {
        DataDirectory = dataDirectory;
        Services = services;
    }

    public string DataDirectory { get; }

    public ServiceProvider Services { get; }

    /// <summary>The SQLite connection string the store uses.</summary>
    public string ConnectionString => Services.GetRequiredService<IOptions<StorageOptions>>().Value.EffectiveConnectionString;

    /// <summary>Builds the services, migrates the store and creates the user.</summary>
    /// <param name="hash">
    /// Argon2id memory (KiB) and passes for the gate, or <c>null</c> for the defaults. Values below the
    /// configuration check's floor are allowed here on purpose: a nearly free hash leaves the rest of a sign-in.
    /// </param>
    public static async Task<BenchGate> StartAsync(TimeProvider time, (int MemoryKiB, int Iterations)? hash,
        CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "portcullis-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = dataDirectory };
        if (hash is { } cost)
        {
            settings["Passwords:MemoryKiB"] = cost.MemoryKiB.ToString(CultureInfo.InvariantCulture);
            settings["Passwords:Iterations"] = cost.Iterations.ToString(CultureInfo.InvariantCulture);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(time);
        services.AddPortcullis(configuration);
        var provider = services.BuildServiceProvider();
        var gate = new BenchGate(dataDirectory, provider);
        try
        {
            var problems = provider.CheckConfiguration()
                .Where(p => hash is null || !p.StartsWith("Passwords:MemoryKiB", StringComparison.Ordinal))
                .ToList();
            if (problems.Count > 0)
            {
                throw new InvalidOperationException("Bad benchmark configuration: " + string.Join("; ", problems));
            }

            await provider.MigrateAllAsync(cancellationToken);
            var created = await provider.GetRequiredService<UserService>().CreateAsync(
                new NewUser(Username, "Bench User", UserRole.AccountHolder, Password), "bench", cancellationToken);
            if (!created.IsSuccess)
            {
                throw new InvalidOperationException($"Could not create the benchmark user: {created.Error.Code}");
            }

            return gate;
        }
        catch
        {
            await gate.DisposeAsync();
            throw;
        }
    }

    /// <summary>Signs the user in as a native client from loopback; pass the device token of an earlier sign-in to be recognised.</summary>
    public async Task<SignInSuccess> SignInAsync(string? deviceToken, CancellationToken cancellationToken)
    {
        var result = await Services.GetRequiredService<SignInService>().SignInAsync(
            new SignInRequest(Username, Password, SessionClient.Native, deviceToken, "Benchmark", System.Net.IPAddress.Loopback, "portcullis-bench"),
            cancellationToken);
        return result.IsSuccess && result.Value.Session is { } session ? session : throw new InvalidOperationException($"Sign-in failed: {result.Error?.Code ?? "second factor required"}");
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the OS temp cleaner takes it.
        }
    }
}
