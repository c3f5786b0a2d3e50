using System.Text.Json;
using Portcullis.Core.Results;

namespace Portcullis.Core.Holds;

/// <summary>Reading a held operation's JSON payload in executors.</summary>
public static class HeldPayloads
{
    public const string InvalidCode = "operation.payload_invalid";

    /// <summary>The payload's root object, or <c>null</c> when it is not a JSON object.</summary>
    public static JsonElement? Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            // A stored payload the executor cannot read is reported as the operation's failure (operation.payload_invalid).
            return null;
        }
    }

    /// <summary>A string property, or <c>null</c> when it is missing, null or not a string.</summary>
    public static string? Text(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static Error Invalid() => new(InvalidCode, "The held operation's arguments cannot be read.");
}
