using System.Text.RegularExpressions;
using Portcullis.Ledger.Backend;

namespace Portcullis.Ledger.Tests;

public sealed partial class LedgerErrorsTests
{
    [Fact]
    public void EveryCode_IsDocumented_AndEveryDocumentedCodeExists()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Portcullis.slnx")))
        {
            folder = folder.Parent;
        }

        Assert.NotNull(folder);
        var docs = File.ReadAllText(Path.Combine(folder.FullName, "docs", "ledger.md"));
        var documented = Code().Matches(docs).Select(m => m.Value).ToHashSet();

        Assert.Empty(LedgerErrors.All.Except(documented));
        Assert.Empty(documented.Except(LedgerErrors.All));
        Assert.Equal(LedgerErrors.All.Count, LedgerErrors.All.Distinct().Count());
    }

    [GeneratedRegex(@"(?<=`)ledger\.[a-z_]+(?=`)")]
    private static partial Regex Code();
}
