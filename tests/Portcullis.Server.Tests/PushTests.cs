using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;
using OtpNet;
using Portcullis.Core.Persistence;
using Portcullis.Core.SignIn;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

/// <summary>
/// Shared set-up for the push tests: a gate with the account holder "alice", and <see cref="Device"/>, a software
/// authenticator that builds every signed message from the documented formats (docs/factors-push.md) rather than
/// from the gate's own code, so these tests pin the wire format.
/// </summary>
public abstract class PushTests : IAsyncLifetime
{
    protected TestGate Gate { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    protected Guid AliceId { get; private set; }

    public async Task InitializeAsync()
    {
        Gate = await TestGate.StartAsync(GateSettings());
        AliceId = (await Gate.CreateUserAsync("alice")).Id;
        Client = Gate.CreateClient();
    }

    private readonly List<Device> _devices = [];

    /// <summary>The gate's configuration overrides; a subclass may add its own (e.g. a policy file).</summary>
    protected virtual Dictionary<string, string?> GateSettings() => new() { ["SignIn:Network:FreeAttempts"] = "1000" };

    public virtual async Task DisposeAsync()
    {
        foreach (var device in _devices)
        {
            device.Dispose();
        }

        Client.Dispose();
        await Gate.DisposeAsync();
    }

    /// <summary>A session of alice's (password only while she has no strong factor; fresh enough to enrol).</summary>
    protected async Task<string> SessionAsync(string username = "alice") => (await Gate.SignInAsync(Client, username)).Token();

    protected async Task<string> EnrollmentCodeAsync(string session)
    {
        var (status, body, _) = await Client.PostJsonAsync("/api/v1/factors/push/enrollment", new { }, session);
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("code").GetString()!;
    }

    /// <summary>A software authenticator, disposed with the test.</summary>
    protected Device NewDevice()
    {
        var device = new Device(Gate);
        _devices.Add(device);
        return device;
    }

    /// <summary>Enrols a new software authenticator with a fresh code from a new session.</summary>
    protected async Task<Device> EnrolAsync(string name = "Phone", string username = "alice")
    {
        var device = NewDevice();
        var (status, body) = await device.EnrolAsync(await EnrollmentCodeAsync(await SessionAsync(username)), name);
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return device;
    }

    /// <summary>The password step of a sign-in; returns the flow handle.</summary>
    protected async Task<string> PasswordStepAsync()
    {
        var (status, body, _) = await Client.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = TestGate.StrongPassword });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("second_factor_required", body.GetProperty("status").GetString());
        return body.GetProperty("flow").GetProperty("handle").GetString()!;
    }

    protected async Task<JsonElement> SendPushAsync(string flow)
    {
        var (status, body, _) = await Client.PostJsonAsync("/api/v1/sign-in/push", new { flow });
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return body;
    }

    protected async Task<(HttpStatusCode Status, JsonElement Body)> CompleteAsync(string flow, int wait = 0)
    {
        var (status, body, _) = await Client.PostJsonAsync("/api/v1/sign-in/push/complete", new { flow, wait });
        return (status, body);
    }

    /// <summary>The only pending challenge the device sees (asked without waiting).</summary>
    protected static async Task<JsonElement> SingleChallengeAsync(Device device)
    {
        var (status, body) = await device.ChallengesAsync();
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return Assert.Single(body.GetProperty("challenges").EnumerateArray().ToList());
    }

    protected static int WrongChoice(JsonElement challenge, int number) =>
        challenge.GetProperty("choices").EnumerateArray().Select(c => c.GetInt32()).First(c => c != number);

    /// <summary>Alice's push failure counter (<c>push:&lt;user id&gt;</c>), or 0 when it was reset or never charged.</summary>
    protected async Task<int> PushFailuresAsync()
    {
        await using var unit = await Gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        return (await unit.Throttle.FindAsync(ThrottleKeys.ForPush(AliceId), CancellationToken.None))?.Failures ?? 0;
    }

    /// <summary>Changes the stored state directly (e.g. a revocation done elsewhere), in one committed unit.</summary>
    protected async Task ChangeStoreAsync(Func<IGateUnit, Task> change)
    {
        await using var unit = await Gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        await change(unit);
        await unit.CommitAsync(CancellationToken.None);
    }

    /// <summary>A software authenticator device: its own Ed25519 and X25519 keys, requests signed per the documented format.</summary>
    protected sealed class Device : IDisposable
    {
        private readonly TestGate _gate;
        private readonly HttpClient _http;

        public Device(TestGate gate)
        {
            _gate = gate;
            _http = gate.CreateClient();
            SigningKey = Key.Create(SignatureAlgorithm.Ed25519);
            AgreementKey = Key.Create(KeyAgreementAlgorithm.X25519);
        }

        public Key SigningKey { get; }

        public Key AgreementKey { get; }

        public Guid DeviceId { get; private set; }

        public Guid FactorId { get; private set; }

        /// <summary>The offline-code seed this side derived (never sent by the gate).</summary>
        public byte[] Seed { get; private set; } = [];

        public static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

        public byte[] SigningPublic => SigningKey.PublicKey.Export(KeyBlobFormat.RawPublicKey);

        public byte[] AgreementPublic => AgreementKey.PublicKey.Export(KeyBlobFormat.RawPublicKey);

        public async Task<(HttpStatusCode Status, JsonElement Body)> EnrolAsync(string code, string name = "Phone", string? signingKey = null,
            string? agreementKey = null)
        {
            var response = await _http.PostAsJsonAsync("/api/v1/authenticators", new
            {
                code,
                name,
                platform = "test-authenticator/1",
                signing_key = signingKey ?? B64(SigningPublic),
                agreement_key = agreementKey ?? B64(AgreementPublic),
            });
            var body = await Read(response);
            if (response.IsSuccessStatusCode)
            {
                DeviceId = body.GetProperty("device_id").GetGuid();
                FactorId = body.GetProperty("factor_id").GetGuid();
                Seed = DeriveSeed(Base64Url.DecodeFromChars(body.GetProperty("server_agreement_key").GetString()));
            }

            return (response.StatusCode, body);
        }

        /// <summary>HKDF-SHA256(X25519(device, gate), salt = device pub ‖ gate pub, info = "portcullis-offline-seed-v1\n" + device id), 32 bytes.</summary>
        public byte[] DeriveSeed(byte[] gatePublic)
        {
            var gateKey = PublicKey.Import(KeyAgreementAlgorithm.X25519, gatePublic, KeyBlobFormat.RawPublicKey);
            using var shared = KeyAgreementAlgorithm.X25519.Agree(AgreementKey, gateKey,
                new SharedSecretCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport })!;
            var ikm = shared.Export(SharedSecretBlobFormat.RawSharedSecret);
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 32, [.. AgreementPublic, .. gatePublic],
                Encoding.UTF8.GetBytes($"portcullis-offline-seed-v1\n{DeviceId:D}"));
        }

        /// <summary>The offline code at the gate's current time: TOTP, HMAC-SHA256, 8 digits, 30 s.</summary>
        public string OfflineCode() => new Totp(Seed, 30, OtpHashMode.Sha256, 8).ComputeTotp(_gate.Time.GetUtcNow().UtcDateTime);

        public Task<(HttpStatusCode Status, JsonElement Body)> ChallengesAsync(int wait = 0) =>
            SendAsync(HttpMethod.Get, $"/api/v1/authenticators/me/challenges?wait={wait}");

        /// <summary>The body of an answer, signed over the documented message (or over <paramref name="signedNumber"/> when given).</summary>
        public object Answer(JsonElement challenge, string decision, int? number, int? signedNumber = null, Key? key = null)
        {
            var message = string.Join('\n', "portcullis-push-v1", challenge.GetProperty("id").GetString(), challenge.GetProperty("nonce").GetString(),
                decision, (signedNumber ?? number)?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, challenge.GetProperty("summary").GetString());
            var signature = SignatureAlgorithm.Ed25519.Sign(key ?? SigningKey, Encoding.UTF8.GetBytes(message));
            return new { decision, number, signature = B64(signature) };
        }

        public Task<(HttpStatusCode Status, JsonElement Body)> AnswerAsync(JsonElement challenge, string decision, int? number) =>
            PostAnswerAsync(challenge, Answer(challenge, decision, number));

        public Task<(HttpStatusCode Status, JsonElement Body)> PostAnswerAsync(JsonElement challenge, object answer) =>
            SendAsync(HttpMethod.Post, $"/api/v1/authenticators/me/challenges/{challenge.GetProperty("id").GetString()}",
                JsonSerializer.SerializeToUtf8Bytes(answer));

        /// <summary>
        /// A device request: <c>Authorization: PortcullisDevice device="…", ts="…", sig="…"</c> over
        /// <c>portcullis-device-v1\nMETHOD\ntarget\nts\nhex(sha256(body))</c>. <paramref name="sentBody"/> replaces the body
        /// after signing and <paramref name="sentTarget"/> the target (tampering); <paramref name="timestamp"/>, <paramref name="key"/>
        /// and <paramref name="deviceId"/> override the defaults.
        /// </summary>
        public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string target, byte[]? body = null,
            long? timestamp = null, Key? key = null, byte[]? sentBody = null, Guid? deviceId = null, string? sentTarget = null)
        {
            body ??= [];
            var ts = timestamp ?? _gate.Time.GetUtcNow().ToUnixTimeSeconds();
            var message = $"portcullis-device-v1\n{method.Method}\n{target}\n{ts}\n{Convert.ToHexStringLower(SHA256.HashData(body))}";
            var signature = SignatureAlgorithm.Ed25519.Sign(key ?? SigningKey, Encoding.UTF8.GetBytes(message));
            using var request = new HttpRequestMessage(method, sentTarget ?? target);
            if (method != HttpMethod.Get)
            {
                request.Content = new ByteArrayContent(sentBody ?? body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            request.Headers.TryAddWithoutValidation("Authorization",
                $"PortcullisDevice device=\"{deviceId ?? DeviceId:D}\", ts=\"{ts}\", sig=\"{B64(signature)}\"");
            using var response = await _http.SendAsync(request);
            return (response.StatusCode, await Read(response));
        }

        public void Dispose()
        {
            _http.Dispose();
            SigningKey.Dispose();
            AgreementKey.Dispose();
        }

        private static async Task<JsonElement> Read(HttpResponseMessage response)
        {
            var text = await response.Content.ReadAsStringAsync();
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}
