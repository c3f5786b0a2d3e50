using Portcullis.Core.Results;

namespace Portcullis.Core.ApiKeys;

/// <summary>Stable codes for API keys.</summary>
public static class ApiKeyErrors
{
    public const string InvalidCode = "apikey.invalid";
    public const string PublicKeyInvalidCode = "apikey.public_key_invalid";
    public const string NotFoundCode = "apikey.not_found";
    public const string RevokedCode = "apikey.revoked";
    public const string LimitCode = "apikey.limit";
    public const string AlreadyRotatedCode = "apikey.already_rotated";

    /// <summary>One or more fields are wrong: each named with what to do.</summary>
    public static Error Invalid(IReadOnlyDictionary<string, string[]> fields) => new(InvalidCode, "Some fields of the key are missing or invalid.")
    {
        Fields = fields,
    };

    public static Error PublicKeyInvalid(string message) => new(PublicKeyInvalidCode, message)
    {
        Fields = new Dictionary<string, string[]> { ["public_key"] = [message] },
    };

    public static Error NotFound() => new(NotFoundCode, "No such API key.");

    public static Error Revoked() => new(RevokedCode, "This key is revoked or expired; create a new one.");

    public static Error AlreadyRotated() => new(AlreadyRotatedCode, "This key already has a successor; rotate that one instead.");

    public static Error Limit(int max) => new(LimitCode, $"At most {max} keys can be active at once; revoke one first.");
}
