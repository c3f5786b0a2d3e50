using Portcullis.Core.ApiKeys;

namespace Portcullis.Server.Api.Contracts;

/// <summary>A new API key: how it signs, what it may do, from where, and for how long (docs/api-keys.md).</summary>
public sealed record ApiKeyBody(
    string? Name,
    string? Algorithm,
    string? PublicKey,
    IReadOnlyList<string?>? Permissions,
    IReadOnlyList<string?>? AssetClasses,
    IReadOnlyList<string?>? Markets,
    IReadOnlyList<string?>? Symbols,
    IReadOnlyList<string?>? OrderTypes,
    decimal? MaxOrderNotional,
    decimal? MaxDailyNotional,
    int? MaxOrdersPerMinute,
    IReadOnlyList<string?>? IpAllowlist,
    int? ExpiresInDays)
{
    public NewApiKey ToRequest() => new()
    {
        Name = Name,
        Algorithm = Algorithm,
        PublicKey = PublicKey,
        Permissions = Permissions,
        AssetClasses = AssetClasses,
        Markets = Markets,
        Symbols = Symbols,
        OrderTypes = OrderTypes,
        MaxOrderNotional = MaxOrderNotional,
        MaxDailyNotional = MaxDailyNotional,
        MaxOrdersPerMinute = MaxOrdersPerMinute,
        IpAllowlist = IpAllowlist,
        ExpiresInDays = ExpiresInDays,
    };
}
