using System.Reflection;
using Portcullis.Core.ApiKeys;
using Portcullis.HttpSignatures;
using Portcullis.Server.Http;

namespace Portcullis.Server.Tests.ApiKeys;

/// <summary>Every code a signed request can be refused with has its status in the catalogue and is listed in docs/api.md.</summary>
public sealed class SignedRequestCodesTests
{
    public static TheoryData<string> Codes()
    {
        var signature = typeof(HttpSignatureErrors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(c => c.StartsWith("signature.", StringComparison.Ordinal));
        return [.. signature.Concat(ApiKeyRequestErrors.All)];
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void ACode_IsAnAuthenticationOrAuthorisationProblem_AndDocumented(string code)
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "api.md"));

        Assert.Contains(code, ProblemCatalog.Codes);
        Assert.Contains(ProblemCatalog.Lookup(code).Status, new[] { 401, 403 });
        Assert.Contains($"`{code}`", doc, StringComparison.Ordinal);
    }

    private static string RepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Portcullis.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root was not found.");
    }
}
