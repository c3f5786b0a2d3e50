namespace Portcullis.Core.ApiKeys;

/// <summary>What a key's owner sees of its use at a glance.</summary>
/// <param name="NotionalLast24Hours">The notional of its accepted order placements and replacements in the last 24 hours.</param>
public sealed record ApiKeyUsageSummary(DateTimeOffset? LastUsedAt, string? LastUsedIp, long RequestCount, long DenialCount,
    decimal NotionalLast24Hours);
