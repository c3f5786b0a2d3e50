using Portcullis.Testing;

namespace Portcullis.Server.Tests.Policy;

/// <summary>
/// Base of test classes that run the gate under a policy file of their own (written to a temp folder) with one open tier,
/// their own rules first, then the operations the tests need in the open tier, then the mandatory default-deny.
/// </summary>
public abstract class PolicyFileTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    /// <summary>The policy file the gate was started with (another node over the same store can use it too).</summary>
    protected string PolicyFile => Path.Combine(_directory.Path, "policy.yaml");

    protected TestGate Gate { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>Rules tried before the open tier (YAML list items, indented by two spaces), or empty.</summary>
    protected abstract string Rules { get; }

    /// <summary>Operation patterns the open tier allows with any session.</summary>
    protected abstract IReadOnlyList<string> OpenOperations { get; }

    protected virtual IReadOnlyList<string> Users => ["alice"];

    public virtual async Task InitializeAsync()
    {
        var file = PolicyFile;
        await File.WriteAllTextAsync(file, TestPolicies.Open(Rules, OpenOperations));
        Gate = await TestGate.StartAsync(new Dictionary<string, string?> { ["Policy:File"] = file });
        foreach (var user in Users)
        {
            await Gate.CreateUserAsync(user);
        }

        Client = Gate.CreateClient();
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Gate.DisposeAsync();
        _directory.Dispose();
    }
}
