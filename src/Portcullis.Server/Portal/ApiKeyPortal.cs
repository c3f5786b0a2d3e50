using System.Globalization;
using System.Text;
using NSec.Cryptography;
using Portcullis.Server.Api.Contracts;

namespace Portcullis.Server.Portal;

/// <summary>
/// What the API key pages share: a key's state in words, a usage-log code in words, form fields read, and
/// the "generate a key for me" key pair (Ed25519, in memory; only the public half is given to <c>ApiKeyService</c>).
/// </summary>
internal static class ApiKeyPortal
{
    /// <summary>A key shows as "expiring" this long before it expires.</summary>
    public static readonly TimeSpan ExpiringWithin = TimeSpan.FromDays(7);

    /// <summary>A new Ed25519 key pair: the private key as PKCS#8 PEM (shown once) and the public key as PEM (stored).</summary>
    public static (string PrivateKeyPem, string PublicKeyPem) GenerateEd25519()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return (Encoding.ASCII.GetString(key.Export(KeyBlobFormat.PkixPrivateKeyText)),
            Encoding.ASCII.GetString(key.PublicKey.Export(KeyBlobFormat.PkixPublicKeyText)));
    }

    /// <summary>The key's state for the owner: active, expiring (within a week), rotated (in its overlap), revoked or expired.</summary>
    public static string State(ApiKeyView key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.State switch
        {
            "active" when key.SuccessorId is not null => "rotated: works until the overlap ends",
            "active" when key.ExpiresAt - now <= ExpiringWithin => "expiring soon",
            var state => state,
        };
    }

    /// <summary>The key's kind in words.</summary>
    public static string Kind(string algorithm) => algorithm switch
    {
        "ed25519" => "Ed25519 signature",
        "ecdsa-p256-sha256" => "ECDSA P-256 signature",
        "hmac-sha256" => "HMAC shared secret (legacy)",
        _ => algorithm,
    };

    /// <summary>A usage-log decision code in words (docs/api-keys.md "Usage log").</summary>
    public static string Code(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code switch
        {
            "ok" => "Accepted.",
            "held" => "Held for a person's approval.",
            "apikey.replayed_nonce" => "Refused: the request repeated a nonce already used (a replay).",
            "apikey.key_revoked" => "Refused: the key was revoked.",
            "apikey.key_expired" => "Refused: the key had expired.",
            "apikey.ip_not_allowed" => "Refused: sent from an address outside the key's IP allowlist.",
            "apikey.permission_denied" => "Refused: the key lacks the permission (read or trade) this needs.",
            "apikey.out_of_scope" => "Refused: the order is outside the key's asset classes, markets, symbols or order types.",
            "apikey.limit_exceeded" => "Refused: over one of the key's limits (order notional, daily notional or orders per minute).",
            "apikey.operation_not_allowed" => "Refused: API keys may only read and place, change or cancel orders.",
            "apikey.session_key_expired" => "Refused: the session key had expired; the bot should ask for a new one.",
            "apikey.session_key_not_allowed" => "Refused: a session key cannot ask for another session key.",
            "request.too_large" => "Refused: the request body was too large to check.",
            _ when code.StartsWith("signature.", StringComparison.Ordinal) =>
                "Refused: the signature was missing, malformed, too old or did not verify. Check the bot's key and clock.",
            _ when code.StartsWith("policy.", StringComparison.Ordinal) => "Refused by your account's policy (" + code["policy.".Length..] + ").",
            _ when code.StartsWith("ledger.", StringComparison.Ordinal) => "Accepted by the gate, then refused by the ledger (" + code["ledger.".Length..] + ").",
            _ => "Refused or failed (" + code + ").",
        };
    }

    /// <summary>A comma-, space- or line-separated list; <c>null</c> when empty.</summary>
    public static IReadOnlyList<string?>? List(string? text)
    {
        var items = (text ?? "").Split([',', ' ', '\n', '\r', '\t', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return items.Length == 0 ? null : items;
    }

    /// <summary>An optional number written by a person (thousands separators allowed); an error in words when it is not one.</summary>
    public static decimal? Number(string? text, string field, Dictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (decimal.TryParse(text.Trim(), NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[field] = "Write a number, such as 10000 or 2500.50, or leave it empty for no limit.";
        return null;
    }

    /// <summary>An optional whole number; an error in words when it is not one.</summary>
    public static int? Whole(string? text, string field, Dictionary<string, string> errors, string what)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[field] = what;
        return null;
    }

    /// <summary>Copies an API validation error's fields (snake_case names) into the page's errors, one sentence per field.</summary>
    public static void AddFields(IReadOnlyDictionary<string, string[]>? fields, Dictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var (field, messages) in fields ?? new Dictionary<string, string[]>())
        {
            errors[field] = string.Join(" ", messages);
        }
    }
}
