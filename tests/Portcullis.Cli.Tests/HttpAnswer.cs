using System.Net;
using System.Text.Json;

namespace Portcullis.Cli.Tests;

/// <summary>A status and parsed JSON body (<see cref="JsonValueKind.Undefined"/> when there is none).</summary>
public sealed record HttpAnswer(HttpStatusCode Status, JsonElement Body)
{
    public static async Task<HttpAnswer> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return new HttpAnswer(response.StatusCode, body);
    }

    public override string ToString() => $"{(int)Status} {Body}";
}
