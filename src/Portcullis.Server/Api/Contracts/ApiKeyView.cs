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
    DateTimeOffset? LastUsedAt,
    string? LastUsedIp,
    long RequestCount,
    long DenialCount)
{
    public static ApiKeyView From(ApiKey k, DateTimeOffset now) => new(k.Id, k.KeyId, k.Name, ApiKeyAlgorithms.Name(k.Algorithm),
        k.PublicKey is null ? null : ApiKeyPublicKeys.Fingerprint(k.PublicKey), k.StateAt(now), ApiKeyScopes.PermissionList(k.Permissions),
        k.IsActiveAt(now) ? ApiKeyScopes.PermissionList(k.PermissionsAt(now)) : [], k.AssetClasses, k.Markets, k.Symbols, k.OrderTypes,
        k.MaxOrderNotional, k.MaxDailyNotional, k.MaxOrdersPerMinute, k.IpAllowlist, k.CreatedAt, k.ExpiresAt, k.TradeLapsesAt, k.RevokedAt,
        k.PredecessorId, k.SuccessorId, k.LastUsedAt, k.LastUsedIp, k.RequestCount, k.DenialCount);
}

/// <summary>A key just created or rotated; <see cref="Secret"/> (HMAC keys only) is shown this once.</summary>
public sealed record ApiKeyCreatedView(ApiKeyView Key, string? Secret);
