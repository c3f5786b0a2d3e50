using Portcullis.Testing;

namespace Portcullis.Server.Tests.Policy;

/// <summary>
/// Base of test classes that run the gate under a policy file of their own (written to a temp folder) with one open tier,
/// their own rules first, then the operations the tests need in the open tier, then the mandatory default-deny.
/// </summary>
public abstract class PolicyFileTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    protected TestGate Gate { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>Rules tried before the open tier (YAML list items, indented by two spaces), or empty.</summary>
    protected abstract string Rules { get; }

    /// <summary>Operation patterns the open tier allows with any session.</summary>
    protected abstract IReadOnlyList<string> OpenOperations { get; }

    protected virtual IReadOnlyList<string> Users => ["alice"];

    public async Task InitializeAsync()
    {
        var file = Path.Combine(_directory.Path, "policy.yaml");
        var open = string.Join(", ", OpenOperations.Select(o => $"\"{o}\""));
        await File.WriteAllTextAsync(file, $"""
            version: 1
            tiers:
              open:
                proofs: []
                unattended: allow
            rules:
            {Rules}
              - name: everything-else
                operations: [{open}]
                tier: open
              - name: default-deny
                operations: ["*"]
                decision: deny
                reason: default_deny
            """);
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
