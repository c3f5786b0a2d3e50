using System.Text.Json;

namespace Portcullis.Server.Policy;

/// <summary>
/// What a held request needs to run later: its arguments as JSON (never a secret) and a summary the authenticator shows.
/// Built from the endpoint's bound arguments by the <see cref="OperationMetadata.Hold"/> delegate; a request whose
/// arguments are missing or malformed carries <see cref="Errors"/> instead and is answered 400, not held.
/// </summary>
public sealed record HoldPayload(string PayloadJson, string Summary, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>A payload of <paramref name="arguments"/> (serialised with snake_case names) and its summary.</summary>
    public static HoldPayload Of(object arguments, string summary) => new(JsonSerializer.Serialize(arguments, Json), summary);

    /// <summary>The request cannot be held as it is: these fields are missing or invalid.</summary>
    public static HoldPayload Invalid(IReadOnlyDictionary<string, string[]> errors) => new(string.Empty, string.Empty, errors);
}
