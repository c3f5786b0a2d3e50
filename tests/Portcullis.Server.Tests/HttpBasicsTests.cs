using System.Net;
using System.Text.Json;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

public sealed class HttpBasicsTests : IAsyncLifetime
{
    private TestGate _gate = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _gate = await TestGate.StartAsync();
        _client = _gate.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gate.DisposeAsync();
    }

    private static void AssertProblem(HttpResponseMessage response, JsonElement body, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.Equal($"urn:portcullis:problem:{code}", body.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
    }

    [Theory]
    [InlineData("{\"username\": \"alice\", \"password\": ")]
    [InlineData("not json at all")]
    [InlineData("{\"username\": 42, \"password\": []}")]
    [InlineData("{\"username\":\"a\",\"password\":\"b\",\"client\":\"toaster\"}")]
    public async Task MalformedJson_Is400(string body)
    {
        var (_, problem, response) = await _client.SendAsync(HttpMethod.Post, "/api/v1/sign-in", rawBody: body);

        AssertProblem(response, problem, HttpStatusCode.BadRequest, "request.malformed_json");
    }

    [Fact]
    public async Task OversizedBody_Is413()
    {
        var huge = "{\"username\":\"alice\",\"password\":\"" + new string('x', 200_000) + "\"}";

        var (_, problem, response) = await _client.SendAsync(HttpMethod.Post, "/api/v1/sign-in", rawBody: huge);

        AssertProblem(response, problem, HttpStatusCode.RequestEntityTooLarge, "request.too_large");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task WrongContentType_Is415(string? contentType)
    {
        var (_, problem, response) = await _client.SendAsync(HttpMethod.Post, "/api/v1/sign-in",
            rawBody: "{\"username\":\"alice\",\"password\":\"secret\"}", contentType: contentType);

        AssertProblem(response, problem, HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type");
    }

    [Fact]
    public async Task MissingFields_Are400WithEachFieldNamed()
    {
        var (_, problem, response) = await _client.SendAsync(HttpMethod.Post, "/api/v1/sign-in", rawBody: "{}");

        AssertProblem(response, problem, HttpStatusCode.BadRequest, "request.invalid");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("username", out _));
        Assert.True(errors.TryGetProperty("password", out _));
    }

    [Fact]
    public async Task EmptyBody_Is400()
    {
        var (_, problem, response) = await _client.SendAsync(HttpMethod.Post, "/api/v1/sign-in", rawBody: string.Empty);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("request.invalid", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task UnknownRoute_Is404Problem()
    {
        var (_, problem, response) = await _client.GetJsonAsync("/api/v1/nothing-here");

        AssertProblem(response, problem, HttpStatusCode.NotFound, "request.not_found");
    }

    [Fact]
    public async Task WrongMethod_Is405Problem()
    {
        var (_, problem, response) = await _client.GetJsonAsync("/api/v1/sign-in");

        AssertProblem(response, problem, HttpStatusCode.MethodNotAllowed, "request.method_not_allowed");
    }

    [Fact]
    public async Task BadRouteValue_IsAClientError()
    {
        await _gate.CreateUserAsync("alice");
        var token = (await _gate.SignInAsync(_client, "alice")).Token();

        var (status, _, _) = await _client.SendAsync(HttpMethod.Delete, "/api/v1/sessions/not-a-guid", token);

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Health_LiveAndReady()
    {
        var live = await _client.GetJsonAsync("/health/live");
        var ready = await _client.GetJsonAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("sqlite", ready.Body.GetProperty("storage").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi()
    {
        var (status, document, _) = await _client.GetJsonAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, status);
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/sign-in", "/api/v1/sign-out", "/api/v1/sessions", "/api/v1/sessions/{id}", "/api/v1/me", "/api/v1/me/password", "/api/v1/session/reauthenticate" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders()
    {
        var (_, _, response) = await _client.GetJsonAsync("/api/v1/me");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.False(response.Headers.Contains("Server"));
    }
}
