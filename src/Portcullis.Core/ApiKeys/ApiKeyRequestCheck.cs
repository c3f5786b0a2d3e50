using System.Net;
using Portcullis.Core.Policy;
using Portcullis.Core.Protection;
using Portcullis.Core.Results;

namespace Portcullis.Core.ApiKeys;

/// <summary>
/// A key's own scopes as attributes of a signed request, checked before the policy (docs/api-keys.md): the IP allowlist,
/// the permission the operation needs (<c>read</c> for reads, <c>trade</c> for orders, as in force at the time), and for
/// orders the asset class, market, symbol, order type and order notional. A scope the request does not describe fails
/// closed. Operations an API key can never run (everything else) are left to the policy, which holds or refuses them.
/// </summary>
public static class ApiKeyRequestCheck
{
    /// <summary>
    /// Whether an API key may ever run <paramref name="operation"/> itself: a read, placing, changing or cancelling an order, or
    /// asking for a session key.
    /// </summary>
    public static bool IsKeyOperation(string operation) =>
        operation is Operations.OrderPlace or Operations.OrderReplace or Operations.OrderCancel or Operations.ApiKeySessionKeyCreate ||
        (operation.EndsWith(".read", StringComparison.Ordinal) && Operations.Find(operation) is { ReadOnly: true });

    /// <summary>Whether <paramref name="operation"/> places or changes an order (counts against the order limits).</summary>
    public static bool IsOrder(string operation) => operation is Operations.OrderPlace or Operations.OrderReplace;

    /// <summary>
    /// Whether the key may be used for <paramref name="operation"/> from <paramref name="ip"/> at all: the allowlist, and for an
    /// operation a key can run, the permission it needs as in force at <paramref name="now"/>. <c>null</c> when it may.
    /// </summary>
    public static Error? CheckAccess(ApiKey key, string operation, IPAddress? ip, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(operation);
        if (!AllowedFrom(key, ip))
        {
            return ApiKeyRequestErrors.IpNotAllowed();
        }

        if (!IsKeyOperation(operation) || operation == Operations.ApiKeySessionKeyCreate)
        {
            return null; // the policy decides (held or refused; it never runs for a key), or a session key, which carries the key's permissions
        }

        var permissions = key.PermissionsAt(now);
        return operation.EndsWith(".read", StringComparison.Ordinal)
            ? permissions.HasFlag(ApiKeyPermissions.Read) ? null : ApiKeyRequestErrors.PermissionDenied("read")
            : permissions.HasFlag(ApiKeyPermissions.Trade) ? null : ApiKeyRequestErrors.PermissionDenied("trade");
    }

    /// <summary>
    /// The first scope an order <paramref name="request"/> breaks (asset class, market, symbol, order type, order notional), or
    /// <c>null</c> when it is within them or is not an order placement or change. Call after <see cref="CheckAccess"/>.
    /// </summary>
    public static Error? CheckScopes(ApiKey key, OperationRequest request)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(request);
        if (!IsOrder(request.Operation))
        {
            return null; // reads, and cancelling (which reduces risk), have no scope or limit
        }

        return !Within(key.AssetClasses, request.AssetClass) ? ApiKeyRequestErrors.OutOfScope("asset class")
            : !Within(key.Markets, request.Market) ? ApiKeyRequestErrors.OutOfScope("market")
            : !Within(key.Symbols, request.Instrument) ? ApiKeyRequestErrors.OutOfScope("symbol")
            : !Within(key.OrderTypes, request.OrderType) ? ApiKeyRequestErrors.OutOfScope("order type")
            : key.MaxOrderNotional is { } max && (request.Notional is not { } notional || notional > max)
                ? ApiKeyRequestErrors.LimitExceeded("maximum order notional")
            : null;
    }

    /// <summary>Whether a request from <paramref name="ip"/> is within the key's allowlist (an empty list allows any address).</summary>
    public static bool AllowedFrom(ApiKey key, IPAddress? ip)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.IpAllowlist.Count == 0)
        {
            return true;
        }

        if (ip is null)
        {
            return false;
        }

        var address = ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
        return key.IpAllowlist.Any(range => NetworkRanges.Parse(range) is { IsSuccess: true } parsed && parsed.Value.Contains(address));
    }

    private static bool Within(IReadOnlyList<string> scope, string? value) =>
        scope.Count == 0 || (value is not null && scope.Contains(value, StringComparer.OrdinalIgnoreCase));
}
