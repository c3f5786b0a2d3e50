using Portcullis.Core.Factors;

namespace Portcullis.Server.Api.Contracts;

/// <summary>An enrolled factor as its owner sees it: never its secret.</summary>
public sealed record FactorView(
    Guid Id,
    string Kind,
    string Class,
    string Name,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    Guid? DeviceId,
    string? Hint)
{
    public static FactorView From(Factor f) => new(
        f.Id,
        FactorCatalog.WireName(f.Kind),
        ClassName(f.Class),
        f.Name,
        f.Status.ToString().ToLowerInvariant(),
        f.CreatedAt,
        f.LastUsedAt,
        f.DeviceId,
        f.Kind == FactorKind.Sms && f.Phone is { Length: > 4 } phone ? $"•••{phone[^4..]}" : null);

    public static string ClassName(FactorClass c) => c switch
    {
        FactorClass.PhishingResistant => "phishing_resistant",
        FactorClass.Possession => "possession",
        FactorClass.Restricted => "restricted",
        _ => "lookup_secret",
    };
}
