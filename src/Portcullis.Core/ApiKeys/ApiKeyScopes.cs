using System.Globalization;
using Portcullis.Core.Protection;
using Portcullis.Core.Results;

namespace Portcullis.Core.ApiKeys;

/// <summary>
/// A key's validated name, permissions, limits, allowlist and lifetime, read from a <see cref="NewApiKey"/> (every field
/// problem reported at once) or copied from a key being rotated.
/// </summary>
public sealed record ApiKeyScopes(
    string Name,
    ApiKeyPermissions Permissions,
    IReadOnlyList<string> AssetClasses,
    IReadOnlyList<string> Markets,
    IReadOnlyList<string> Symbols,
    IReadOnlyList<string> OrderTypes,
    decimal? MaxOrderNotional,
    decimal? MaxDailyNotional,
    int? MaxOrdersPerMinute,
    IReadOnlyList<string> IpAllowlist,
    TimeSpan Lifetime)
{
    public static readonly IReadOnlyList<string> KnownAssetClasses = ["stock", "option", "future", "forex", "bond"];
    public static readonly IReadOnlyList<string> KnownOrderTypes = ["market", "limit", "stop", "stop_limit"];
    private const int MaxListLength = 50;
    private const int MaxNetworks = 20;
    private const decimal MaxNotional = 1_000_000_000_000m;

    public static Result<ApiKeyScopes> Read(NewApiKey request, ApiKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new Dictionary<string, string[]>();
        var name = Factors.FactorService.Clean(request.Name);
        if (name is null)
        {
            errors["name"] = ["1–64 characters."];
        }

        var permissions = ApiKeyPermissions.None;
        foreach (var p in request.Permissions ?? [])
        {
            permissions |= p switch
            {
                "read" => ApiKeyPermissions.Read,
                "trade" => ApiKeyPermissions.Trade,
                _ => Add(errors, "permissions", $"'{p}' is not a key permission: use read and/or trade. No key can withdraw, change margin or change security."),
            };
        }

        if (permissions == ApiKeyPermissions.None && !errors.ContainsKey("permissions"))
        {
            errors["permissions"] = ["Name read and/or trade."];
        }

        var assetClasses = Names(request.AssetClasses, "asset_classes", errors, v => KnownAssetClasses.Contains(v), "one of stock, option, future, forex, bond");
        var orderTypes = Names(request.OrderTypes, "order_types", errors, v => KnownOrderTypes.Contains(v), "one of market, limit, stop, stop_limit");
        var markets = Codes(request.Markets, "markets", errors, 16);
        var symbols = Codes(request.Symbols, "symbols", errors, 32);
        Positive(request.MaxOrderNotional, "max_order_notional", errors);
        Positive(request.MaxDailyNotional, "max_daily_notional", errors);
        if (request.MaxOrdersPerMinute is < 1 or > 600)
        {
            errors["max_orders_per_minute"] = ["1 to 600."];
        }

        var networks = new List<string>();
        foreach (var cidr in request.IpAllowlist ?? [])
        {
            var parsed = NetworkRanges.Parse(cidr);
            if (!parsed.IsSuccess)
            {
                Add(errors, "ip_allowlist", $"'{cidr}': {parsed.Error.Message}");
                continue;
            }

            var text = NetworkRanges.Format(parsed.Value);
            if (!networks.Contains(text))
            {
                networks.Add(text);
            }
        }

        if (networks.Count > MaxNetworks)
        {
            errors["ip_allowlist"] = [$"At most {MaxNetworks} ranges."];
        }

        var maxDays = (int)options.MaxLifetime.TotalDays;
        if (request.ExpiresInDays is < 1 || request.ExpiresInDays > maxDays)
        {
            errors["expires_in_days"] = [string.Create(CultureInfo.InvariantCulture, $"1 to {maxDays} days: every key expires.")];
        }

        if (errors.Count > 0)
        {
            return ApiKeyErrors.Invalid(errors);
        }

        var lifetime = request.ExpiresInDays is { } days ? TimeSpan.FromDays(days) : options.DefaultLifetime;
        return new ApiKeyScopes(name!, permissions, assetClasses, markets, symbols, orderTypes, request.MaxOrderNotional, request.MaxDailyNotional,
            request.MaxOrdersPerMinute, networks, lifetime);
    }

    /// <summary>The scopes of <paramref name="key"/>, for its successor.</summary>
    public static ApiKeyScopes From(ApiKey key, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key.Name, key.Permissions, key.AssetClasses, key.Markets, key.Symbols, key.OrderTypes, key.MaxOrderNotional, key.MaxDailyNotional,
            key.MaxOrdersPerMinute, key.IpAllowlist, lifetime);
    }

    /// <summary><c>read</c>, <c>trade</c> or <c>read, trade</c>.</summary>
    public static string PermissionNames(ApiKeyPermissions permissions) => string.Join(", ", PermissionList(permissions));

    public static IReadOnlyList<string> PermissionList(ApiKeyPermissions permissions)
    {
        var names = new List<string>(2);
        if ((permissions & ApiKeyPermissions.Read) != 0)
        {
            names.Add("read");
        }

        if ((permissions & ApiKeyPermissions.Trade) != 0)
        {
            names.Add("trade");
        }

        return names;
    }

    private static ApiKeyPermissions Add(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        return ApiKeyPermissions.None;
    }

    private static List<string> Names(IReadOnlyList<string?>? values, string field, Dictionary<string, string[]> errors, Func<string, bool> known, string hint)
    {
        var list = new List<string>();
        foreach (var value in values ?? [])
        {
            var v = value?.Trim().ToLowerInvariant();
            if (v is null || !known(v))
            {
                Add(errors, field, $"'{value}' is not {hint}.");
            }
            else if (!list.Contains(v))
            {
                list.Add(v);
            }
        }

        return list;
    }

    private static List<string> Codes(IReadOnlyList<string?>? values, string field, Dictionary<string, string[]> errors, int maxLength)
    {
        var list = new List<string>();
        foreach (var value in values ?? [])
        {
            var v = value?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(v) || v.Length > maxLength || !v.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '/' or '_'))
            {
                Add(errors, field, $"'{value}': 1–{maxLength} letters, digits, '.', '-', '/' or '_'.");
            }
            else if (!list.Contains(v))
            {
                list.Add(v);
            }
        }

        if (list.Count > MaxListLength)
        {
            errors[field] = [$"At most {MaxListLength} entries."];
        }

        return list;
    }

    private static void Positive(decimal? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is { } v && (v <= 0 || v > MaxNotional))
        {
            errors[field] = ["A positive amount in the account currency, at most 10^12."];
        }
    }
}
