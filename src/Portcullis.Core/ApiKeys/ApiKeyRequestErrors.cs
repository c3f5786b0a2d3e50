using Portcullis.Core.Results;

namespace Portcullis.Core.ApiKeys;

/// <summary>
/// Stable codes for requests signed with an API key (docs/api-keys.md), beyond the <c>signature.*</c> codes of the
/// verifier. The messages never say which part of a signature failed.
/// </summary>
public static class ApiKeyRequestErrors
{
    /// <summary>401: the nonce was already used with this key within the window.</summary>
    public const string ReplayedNonceCode = "apikey.replayed_nonce";

    /// <summary>401: the key is revoked.</summary>
    public const string KeyRevokedCode = "apikey.key_revoked";

    /// <summary>401: the key has expired.</summary>
    public const string KeyExpiredCode = "apikey.key_expired";

    /// <summary>403: the request came from outside the key's IP allowlist.</summary>
    public const string IpNotAllowedCode = "apikey.ip_not_allowed";

    /// <summary>403: the key lacks the permission (<c>read</c> or <c>trade</c>) the operation needs.</summary>
    public const string PermissionDeniedCode = "apikey.permission_denied";

    /// <summary>403: an asset class, market, symbol or order type outside the key's scopes.</summary>
    public const string OutOfScopeCode = "apikey.out_of_scope";

    /// <summary>403: the order notional, daily notional or orders-per-minute limit of the key.</summary>
    public const string LimitExceededCode = "apikey.limit_exceeded";

    /// <summary>403: no API key can run this operation (only reads and orders), and the policy did not hold it.</summary>
    public const string OperationNotAllowedCode = "apikey.operation_not_allowed";

    /// <summary>401: the session key has expired; sign a request with the API key for a new one.</summary>
    public const string SessionKeyExpiredCode = "apikey.session_key_expired";

    /// <summary>403: a session key is issued only to a request signed with the API key itself (not with a session key).</summary>
    public const string SessionKeyNotAllowedCode = "apikey.session_key_not_allowed";

    public static IReadOnlyList<string> All { get; } =
    [
        ReplayedNonceCode, KeyRevokedCode, KeyExpiredCode, IpNotAllowedCode, PermissionDeniedCode, OutOfScopeCode,
        LimitExceededCode, OperationNotAllowedCode, SessionKeyExpiredCode, SessionKeyNotAllowedCode,
    ];

    public static Error ReplayedNonce() => new(ReplayedNonceCode, "This signed request was already received; sign each request with a new nonce.");

    public static Error KeyRevoked() => new(KeyRevokedCode, "This API key is revoked.");

    public static Error KeyExpired() => new(KeyExpiredCode, "This API key has expired.");

    public static Error IpNotAllowed() => new(IpNotAllowedCode, "This API key may not be used from this address.");

    public static Error PermissionDenied(string permission) =>
        new(PermissionDeniedCode, $"This API key does not have the '{permission}' permission (or it has lapsed).");

    public static Error OutOfScope(string field) => new(OutOfScopeCode, $"The request's {field} is outside this API key's scopes.");

    public static Error LimitExceeded(string limit) => new(LimitExceededCode, $"The request exceeds this API key's {limit}.");

    public static Error OperationNotAllowed() =>
        new(OperationNotAllowedCode, "An API key can only read and place, change or cancel orders; a person must do this.");

    public static Error SessionKeyExpired() =>
        new(SessionKeyExpiredCode, "This session key has expired; sign a request with the API key for a new one.");

    public static Error SessionKeyNotAllowed() =>
        new(SessionKeyNotAllowedCode, "A session key is issued to a request signed with the API key itself, not with a session key.");
}
