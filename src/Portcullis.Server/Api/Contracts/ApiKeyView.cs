using Portcullis.Core.ApiKeys;

namespace Portcullis.Server.Api.Contracts;

/// <summary>An API key as its owner sees it: never its secret, with its state, scopes and usage at the time of the answer.</summary>
public sealed record ApiKeyView(
    Guid Id,
    string KeyId,
    string Name,
    string Algorithm,
    string? Fingerprint,
    string State,
    IReadOnlyList<string> Permissions,
    IReadOnlyList<string> EffectivePermissions,
    IReadOnlyList<string> AssetClasses,
    IReadOnlyList<string> Markets,
    IReadOnlyList<string> Symbols,
    IReadOnlyList<string> OrderTypes,
    decimal? MaxOrderNotional,
    decimal? MaxDailyNotional,
    int? MaxOrdersPerMinute,
    IReadOnlyList<string> IpAllowlist,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? TradeLapsesAt,
    DateTimeOffset? RevokedAt,
    Guid? PredecessorId,
    Guid? SuccessorId,
    ApiKeyUsageView Usage)
{
    /// <summary>The key at <paramref name="now"/> with its usage summary (<see cref="ApiKeyUsageService"/>).</summary>
    public static ApiKeyView From(ApiKey k, DateTimeOffset now, ApiKeyUsageSummary usage) => new(k.Id, k.KeyId, k.Name, ApiKeyAlgorithms.Name(k.Algorithm),
        k.PublicKey is null ? null : ApiKeyPublicKeys.Fingerprint(k.PublicKey), k.StateAt(now), ApiKeyScopes.PermissionList(k.Permissions),
        k.IsActiveAt(now) ? ApiKeyScopes.PermissionList(k.PermissionsAt(now)) : [], k.AssetClasses, k.Markets, k.Symbols, k.OrderTypes,
        k.MaxOrderNotional, k.MaxDailyNotional, k.MaxOrdersPerMinute, k.IpAllowlist, k.CreatedAt, k.ExpiresAt, k.TradeLapsesAt, k.RevokedAt,
        k.PredecessorId, k.SuccessorId, ApiKeyUsageView.From(usage));

    /// <summary>A key just created or rotated, not used yet (a used key: with its summary, the overload above).</summary>
    public static ApiKeyView From(ApiKey k, DateTimeOffset now) => From(k, now, ApiKeyUsageService.Summary(k, 0m));
}

/// <summary>A key just created or rotated; <see cref="Secret"/> (HMAC keys only) is shown this once.</summary>
public sealed record ApiKeyCreatedView(ApiKeyView Key, string? Secret);
