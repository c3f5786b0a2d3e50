using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Portcullis.Server.Tests;

/// <summary>Small HTTP helpers for the API tests.</summary>
internal static class Http
{
    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostJsonAsync(
        this HttpClient client, string path, object body, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        var response = await client.SendAsync(request);
        return (response.StatusCode, await ReadAsync(response), response);
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(
        this HttpClient client, HttpMethod method, string path, string? bearer = null, string? rawBody = null, string? contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (rawBody is not null)
        {
            request.Content = new StringContent(rawBody, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        var response = await client.SendAsync(request);
        return (response.StatusCode, await ReadAsync(response), response);
    }

    public static Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> GetJsonAsync(
        this HttpClient client, string path, string? bearer = null) => client.SendAsync(HttpMethod.Get, path, bearer);

    public static string Code(this JsonElement problem) => problem.GetProperty("code").GetString()!;

    public static string Token(this JsonElement signIn) => signIn.GetProperty("token").GetString()!;

    /// <summary>The status and the JSON body (<c>default</c> when empty) of <paramref name="response"/>.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> ReadJsonAsync(this HttpResponseMessage response) =>
        (response.StatusCode, await ReadAsync(response));

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
