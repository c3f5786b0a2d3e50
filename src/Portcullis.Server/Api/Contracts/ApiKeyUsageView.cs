using System.Text.Json.Serialization;
using Portcullis.Core.ApiKeys;

namespace Portcullis.Server.Api.Contracts;

/// <summary>A key's usage at a glance, shown with the key.</summary>
public sealed record ApiKeyUsageView(
    DateTimeOffset? LastUsedAt,
    string? LastUsedIp,
    long RequestCount,
    long DenialCount,
    [property: JsonPropertyName("notional_last_24h")] decimal NotionalLast24h)
{
    public static ApiKeyUsageView From(ApiKeyUsageSummary s) =>
        new(s.LastUsedAt, s.LastUsedIp, s.RequestCount, s.DenialCount, s.NotionalLast24Hours);
}
