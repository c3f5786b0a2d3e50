using System.Buffers.Text;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;
using Portcullis.Testing;

namespace Portcullis.Portal.Tests;

/// <summary>
/// A software Portcullis authenticator, as the Server tests' push device: enrols with a code from
/// <c>POST /api/v1/factors/push/enrollment</c>, then reads and answers its challenges with requests signed by its own
/// Ed25519 key in the documented format (docs/factors-push.md), as a phone would.
/// </summary>
public sealed class PushDevice : IDisposable
{
    private readonly TestGate _gate;
    private readonly HttpClient _http;
    private readonly Key _signing = Key.Create(SignatureAlgorithm.Ed25519);
    private readonly Key _agreement = Key.Create(KeyAgreementAlgorithm.X25519);

    private PushDevice(TestGate gate)
    {
        _gate = gate;
        _http = gate.CreateClient();
    }

    public Guid DeviceId { get; private set; }

    /// <summary>Enrols a new authenticator named "Phone" for <paramref name="username"/> (signed in with the password over the API).</summary>
    public static async Task<PushDevice> EnrolAsync(TestGate gate, string username)
    {
        var device = new PushDevice(gate);
        var token = (await gate.SignInAsync(device._http, username)).GetProperty("token").GetString();
        using var start = new HttpRequestMessage(HttpMethod.Post, "/api/v1/factors/push/enrollment") { Content = JsonContent.Create(new { }) };
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var started = await device._http.SendAsync(start);
        var enrolment = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(started.IsSuccessStatusCode, enrolment.ToString());

        using var enrolled = await device._http.PostAsJsonAsync("/api/v1/authenticators", new
        {
            code = enrolment.GetProperty("code").GetString(),
            name = "Phone",
            platform = "test-authenticator/1",
            signing_key = Base64Url.EncodeToString(device._signing.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
            agreement_key = Base64Url.EncodeToString(device._agreement.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
        });
        var body = await enrolled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(enrolled.IsSuccessStatusCode, body.ToString());
        device.DeviceId = body.GetProperty("device_id").GetGuid();
        return device;
    }

    /// <summary>The one challenge waiting for this device.</summary>
    public async Task<JsonElement> SingleChallengeAsync()
    {
        var (ok, body) = await SendAsync(HttpMethod.Get, "/api/v1/authenticators/me/challenges?wait=0", []);
        Assert.True(ok, body.ToString());
        return Assert.Single(body.GetProperty("challenges").EnumerateArray().ToList());
    }

    /// <summary>Approves <paramref name="challenge"/> picking <paramref name="number"/>, signed over the documented message.</summary>
    public async Task<JsonElement> ApproveAsync(JsonElement challenge, int number)
    {
        var message = string.Join('\n', "portcullis-push-v1", challenge.GetProperty("id").GetString(), challenge.GetProperty("nonce").GetString(),
            "approve", number.ToString(CultureInfo.InvariantCulture), challenge.GetProperty("summary").GetString());
        var signature = SignatureAlgorithm.Ed25519.Sign(_signing, Encoding.UTF8.GetBytes(message));
        var answer = JsonSerializer.SerializeToUtf8Bytes(new { decision = "approve", number, signature = Base64Url.EncodeToString(signature) });
        var (ok, body) = await SendAsync(HttpMethod.Post, $"/api/v1/authenticators/me/challenges/{challenge.GetProperty("id").GetString()}", answer);
        Assert.True(ok, body.ToString());
        return body;
    }

    public void Dispose()
    {
        _http.Dispose();
        _signing.Dispose();
        _agreement.Dispose();
    }

    /// <summary><c>Authorization: PortcullisDevice</c> over <c>portcullis-device-v1\nMETHOD\ntarget\nts\nhex(sha256(body))</c>.</summary>
    private async Task<(bool Ok, JsonElement Body)> SendAsync(HttpMethod method, string target, byte[] body)
    {
        var ts = _gate.Time.GetUtcNow().ToUnixTimeSeconds();
        var message = $"portcullis-device-v1\n{method.Method}\n{target}\n{ts}\n{Convert.ToHexStringLower(SHA256.HashData(body))}";
        var signature = SignatureAlgorithm.Ed25519.Sign(_signing, Encoding.UTF8.GetBytes(message));
        using var request = new HttpRequestMessage(method, target);
        if (method != HttpMethod.Get)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        request.Headers.TryAddWithoutValidation("Authorization",
            $"PortcullisDevice device=\"{DeviceId:D}\", ts=\"{ts}\", sig=\"{Base64Url.EncodeToString(signature)}\"");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.IsSuccessStatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
