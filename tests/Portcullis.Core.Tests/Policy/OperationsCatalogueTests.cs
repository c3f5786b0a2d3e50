using Portcullis.Core.Policy;

namespace Portcullis.Core.Tests.Policy;

public sealed class OperationsCatalogueTests
{
    [Fact]
    public void EveryOperation_IsDocumented()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "policy.md"));

        Assert.All(Operations.All, o => Assert.Contains(
            $"| `{o.Name}` | {(o.Capability == Capability.None ? "-" : Capabilities.Name(o.Capability))} | {(o.Cooldown ? "yes" : "-")} | {o.Description} |",
            doc, StringComparison.Ordinal));
    }

    [Fact]
    public void Names_AreUniqueAndDotted()
    {
        Assert.Equal(Operations.All.Count, Operations.All.Select(o => o.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Operations.All, o => Assert.Matches("^[a-z_]+(\\.[a-z_]+)+$", o.Name));
    }

    [Fact]
    public void Cooldown_CoversExactlyWithdrawalsAndNewDestinations() =>
        Assert.Equal([Operations.WithdrawalRequest, Operations.DestinationAdd], Operations.All.Where(o => o.Cooldown).Select(o => o.Name));

    private static string RepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Portcullis.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Portcullis.slnx not found");
    }
}
