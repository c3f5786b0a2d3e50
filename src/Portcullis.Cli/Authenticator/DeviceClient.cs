using System.Buffers.Text;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using NSec.Cryptography;
using Portcullis.Core.Factors.Push;
using Portcullis.Server.Api.Authenticators;
using Portcullis.Server.Http;

namespace Portcullis.Cli.Authenticator;

/// <summary>
/// HTTP to the gate as an authenticator device. Every request after enrolment is signed with the device key
/// (<see cref="PushProtocol.DeviceRequestMessage"/>); answers are signed over <see cref="PushProtocol.AnswerMessage"/>.
/// </summary>
internal sealed class DeviceClient : IDisposable
{
    /// <summary>Longer than the longest long poll the gate holds.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;
    private readonly Uri _server;
    private readonly Guid _deviceId;
    private readonly Key _signingKey;
    private readonly TimeProvider _time;

    public DeviceClient(Uri server, Guid deviceId, Key signingKey, TimeProvider time)
    {
        _server = Normalise(server);
        _deviceId = deviceId;
        _signingKey = signingKey;
        _time = time;
        _http = NewHttpClient();
    }

    /// <summary>Enrols: sends the code and the public keys (no device signature yet: the code is the credential).</summary>
    public static async Task<DeviceReply<AuthenticatorEnrolledResponse>> EnrolAsync(Uri server, AuthenticatorEnrollmentBody body,
        CancellationToken cancellationToken)
    {
        using var http = NewHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Normalise(server), "api/v1/authenticators"))
        {
            Content = Json(body),
        };
        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadAsync<AuthenticatorEnrolledResponse>(response, cancellationToken);
    }

    /// <summary>Pending challenges; the gate holds the request up to <paramref name="waitSeconds"/> until one arrives.</summary>
    public async Task<DeviceReply<PushChallengeList>> ListAsync(int waitSeconds, CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"api/v1/authenticators/me/challenges?wait={waitSeconds}");
        return await SendAsync<PushChallengeList>(HttpMethod.Get, path, null, cancellationToken);
    }

    /// <summary>Approves with <paramref name="number"/>, or denies, signing the answer with the device key.</summary>
    public async Task<DeviceReply<PushAnswerResponse>> AnswerAsync(PushChallengeView challenge, bool approve, int? number,
        CancellationToken cancellationToken)
    {
        var decision = approve ? PushProtocol.Approve : PushProtocol.Deny;
        if (!Base64Url.IsValid(challenge.Nonce))
        {
            return new DeviceReply<PushAnswerResponse>(System.Net.HttpStatusCode.BadRequest, null, null, "the gate sent a malformed challenge");
        }

        var message = PushProtocol.AnswerMessage(challenge.Id, Base64Url.DecodeFromChars(challenge.Nonce), decision, number, challenge.Summary);
        var body = new PushAnswerBody(decision, number, PushProtocol.Sign(_signingKey, message));
        return await SendAsync<PushAnswerResponse>(HttpMethod.Post, $"api/v1/authenticators/me/challenges/{challenge.Id:D}", body, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<DeviceReply<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
        where T : class
    {
        var uri = new Uri(_server, path);
        var bytes = body is null ? [] : JsonSerializer.SerializeToUtf8Bytes(body, JsonDefaults.Options);
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        var signed = PushProtocol.DeviceRequestMessage(method.Method, uri.PathAndQuery, timestamp, PushProtocol.BodyHash(bytes));
        request.Headers.TryAddWithoutValidation("Authorization", string.Create(CultureInfo.InvariantCulture,
            $"{PushProtocol.AuthorizationScheme} device=\"{_deviceId:D}\", ts=\"{timestamp}\", sig=\"{PushProtocol.Sign(_signingKey, signed)}\""));
        using var response = await _http.SendAsync(request, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private static async Task<DeviceReply<T>> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            if (response.IsSuccessStatusCode)
            {
                return new DeviceReply<T>(response.StatusCode, JsonSerializer.Deserialize<T>(text, JsonDefaults.Options), null, null);
            }

            using var problem = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
            var root = problem.RootElement;
            return new DeviceReply<T>(response.StatusCode, null,
                root.TryGetProperty("code", out var code) ? code.GetString() : null,
                root.TryGetProperty("detail", out var detail) ? detail.GetString() : null);
        }
        catch (JsonException)
        {
            return new DeviceReply<T>(response.StatusCode, null, null, "the gate's answer was not the expected JSON");
        }
    }

    private static ByteArrayContent Json(object body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, JsonDefaults.Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static HttpClient NewHttpClient()
    {
        var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = RequestTimeout };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("portcullis-authenticator/1");
        return http;
    }

    /// <summary>The gate's base address with a trailing slash, so relative API paths keep any path prefix.</summary>
    private static Uri Normalise(Uri server) => server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
}
