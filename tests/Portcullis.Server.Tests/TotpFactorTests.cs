using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Portcullis.Core.Factors.Totp;
using Portcullis.Core.Persistence;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

public sealed class TotpFactorTests : IAsyncLifetime
{
    private TestGate _gate = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _gate = await TestGate.StartAsync(new Dictionary<string, string?> { ["SignIn:Network:FreeAttempts"] = "1000" });
        await _gate.CreateUserAsync("alice");
        _client = _gate.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gate.DisposeAsync();
    }

    private string Code(byte[] secret, int stepsAhead = 0) => TotpCode.Compute(secret, _gate.Time.GetUtcNow().AddSeconds(30 * stepsAhead));

    /// <summary>Signs in with the password only (no factor yet) and enrols an authenticator app.</summary>
    private async Task<(string Token, byte[] Secret, string FactorId)> EnrolAsync()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();
        var (status, enrolment, _) = await _client.PostJsonAsync("/api/v1/factors/totp", new { name = "Phone" }, token);
        Assert.Equal(HttpStatusCode.OK, status);
        var secret = Base32Encoding.ToBytes(enrolment.GetProperty("secret").GetString());
        var factorId = enrolment.GetProperty("factor").GetProperty("id").GetString()!;
        var (confirmed, factor, _) = await _client.PostJsonAsync($"/api/v1/factors/totp/{factorId}/confirm", new { code = Code(secret) }, token);
        Assert.Equal(HttpStatusCode.OK, confirmed);
        Assert.Equal("active", factor.GetProperty("status").GetString());
        _gate.Time.Advance(TimeSpan.FromSeconds(30));
        return (token, secret, factorId);
    }

    private async Task<JsonElement> PasswordStepAsync()
    {
        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = TestGate.StrongPassword });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("second_factor_required", body.GetProperty("status").GetString());
        return body.GetProperty("flow");
    }

    [Fact]
    public async Task Enrolment_ReturnsSecretUriAndQrCodes()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/factors/totp", new { name = "Phone" }, token);

        Assert.Equal(HttpStatusCode.OK, status);
        var uri = body.GetProperty("otpauth_uri").GetString()!;
        Assert.StartsWith("otpauth://totp/Portcullis:alice?secret=", uri, StringComparison.Ordinal);
        Assert.Contains("&algorithm=SHA1&digits=6&period=30", uri, StringComparison.Ordinal);
        Assert.Equal(20, Base32Encoding.ToBytes(body.GetProperty("secret").GetString()).Length);
        Assert.StartsWith("<svg", body.GetProperty("qr_svg").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("data:image/png;base64,iVBOR", body.GetProperty("qr_png").GetString(), StringComparison.Ordinal);
        Assert.Equal("pending", body.GetProperty("factor").GetProperty("status").GetString());
        Assert.Equal("possession", body.GetProperty("factor").GetProperty("class").GetString());
    }

    [Fact]
    public async Task WithTotpEnrolled_SignInNeedsTheCode_AndTheSessionIsAal2()
    {
        var (_, secret, factorId) = await EnrolAsync();
        var flow = await PasswordStepAsync();
        var factor = Assert.Single(flow.GetProperty("factors").EnumerateArray());
        Assert.Equal("totp", factor.GetProperty("kind").GetString());
        Assert.StartsWith("pcf_", flow.GetProperty("handle").GetString(), StringComparison.Ordinal);

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/totp", new { flow = flow.GetProperty("handle").GetString(), code = Code(secret) });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("signed_in", body.GetProperty("status").GetString());
        var session = body.GetProperty("session");
        Assert.Equal("aal2", session.GetProperty("assurance").GetString());
        var methods = session.GetProperty("authentications").EnumerateArray().Select(a => a.GetProperty("method").GetString()).ToList();
        Assert.Equal(["password", "totp"], methods);
        Assert.Equal(factorId, session.GetProperty("authentications")[1].GetProperty("factor_id").GetString());
    }

    [Fact]
    public async Task ACodeIsAcceptedOnce_EvenInANewFlow()
    {
        var (_, secret, _) = await EnrolAsync();
        var code = Code(secret);
        var first = await PasswordStepAsync();
        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/api/v1/sign-in/totp", new { flow = first.GetProperty("handle").GetString(), code })).Status);

        var second = await PasswordStepAsync();
        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/totp", new { flow = second.GetProperty("handle").GetString(), code });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("factor.invalid", body.Code());
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == "signin.failed" && e.Code == "replayed");
    }

    [Fact]
    public async Task ACodeFromTheNextStep_IsAccepted_AndBlocksTheCurrentOne()
    {
        var (_, secret, _) = await EnrolAsync();
        var flow = await PasswordStepAsync();

        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/api/v1/sign-in/totp", new { flow = flow.GetProperty("handle").GetString(), code = Code(secret, 1) })).Status);

        var again = await PasswordStepAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.PostJsonAsync("/api/v1/sign-in/totp", new { flow = again.GetProperty("handle").GetString(), code = Code(secret) })).Status);
    }

    [Fact]
    public async Task WrongCodes_EndTheFlowAfterFive()
    {
        var (_, secret, _) = await EnrolAsync();
        var handle = (await PasswordStepAsync()).GetProperty("handle").GetString();
        var codes = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            var (_, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/totp", new { flow = handle, code = "000000" });
            codes.Add(body.Code());
        }

        Assert.Equal(["factor.invalid", "factor.invalid", "factor.invalid", "factor.invalid", "flow.failed"], codes);
        var (_, after, _) = await _client.PostJsonAsync("/api/v1/sign-in/totp", new { flow = handle, code = Code(secret) });
        Assert.Equal("flow.failed", after.Code());
    }

    [Fact]
    public async Task AFlowExpires()
    {
        var (_, secret, _) = await EnrolAsync();
        var handle = (await PasswordStepAsync()).GetProperty("handle").GetString();

        _gate.Time.Advance(TimeSpan.FromMinutes(5));
        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/totp", new { flow = handle, code = Code(secret) });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("flow.invalid", body.Code());
        Assert.Single(await _gate.ReadAuditAsync(), e => e.Type == "signin.failed" && e.Code == "flow_expired");
    }

    [Theory]
    [InlineData("pcf_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-handle")]
    public async Task AFlowCannotBeResumedWithoutItsHandle(string handle)
    {
        var (_, secret, _) = await EnrolAsync();
        await PasswordStepAsync();

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/totp", new { flow = handle, code = Code(secret) });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("flow.invalid", body.Code());
    }

    [Fact]
    public async Task EnrollingNeedsAFreshProof()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();
        _gate.Time.Advance(TimeSpan.FromMinutes(6));

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/factors/totp", new { name = "Phone" }, token);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("policy.step_up_required", body.Code());

        var (_, reauthenticated, _) = await _client.PostJsonAsync("/api/v1/session/reauthenticate", new { password = TestGate.StrongPassword }, token);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/api/v1/factors/totp", new { name = "Phone" }, reauthenticated.Token())).Status);
    }

    [Fact]
    public async Task WithAStrongFactor_ChangesNeedAFreshSecondFactor_ViaStepUp()
    {
        var (_, secret, factorId) = await EnrolAsync();
        var flow = await PasswordStepAsync();
        var token = (await _client.PostJsonAsync("/api/v1/sign-in/totp", new { flow = flow.GetProperty("handle").GetString(), code = Code(secret) })).Body.Token();
        _gate.Time.Advance(TimeSpan.FromMinutes(6));

        var refused = await _client.PostJsonAsync("/api/v1/factors/totp", new { name = "Tablet" }, token);
        Assert.Equal("policy.step_up_required", refused.Body.Code());

        var (_, stepUp, _) = await _client.PostJsonAsync("/api/v1/session/step-up", new { }, token);
        Assert.Equal("step_up", stepUp.GetProperty("purpose").GetString());
        var (status, stepped, _) = await _client.PostJsonAsync("/api/v1/sign-in/totp", new { flow = stepUp.GetProperty("handle").GetString(), code = Code(secret) });
        Assert.Equal(HttpStatusCode.OK, status);
        var fresh = stepped.Token();
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetJsonAsync("/api/v1/me", token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/api/v1/factors/totp", new { name = "Tablet" }, fresh)).Status);

        var (removeStatus, removeBody, _) = await _client.SendAsync(HttpMethod.Delete, $"/api/v1/factors/{factorId}", fresh);
        Assert.Equal(HttpStatusCode.Conflict, removeStatus);
        Assert.Equal("factor.last_strong_factor", removeBody.Code());
    }

    [Fact]
    public async Task AStepUp_TrustsTheDeviceOfASessionOpenedWithThePasswordAlone()
    {
        var (token, secret, _) = await EnrolAsync();
        Assert.Equal("new", await ThisDeviceTrustAsync(token));

        var (_, stepUp, _) = await _client.PostJsonAsync("/api/v1/session/step-up", new { }, token);
        var (status, stepped, _) = await _client.PostJsonAsync("/api/v1/sign-in/totp", new { flow = stepUp.GetProperty("handle").GetString(), code = Code(secret) });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("trusted", await ThisDeviceTrustAsync(stepped.Token()));
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == "session.stepped_up");
    }

    private async Task<string?> ThisDeviceTrustAsync(string token)
    {
        var (_, devices, _) = await _client.GetJsonAsync("/api/v1/devices", token);
        return devices.EnumerateArray().Single(d => d.GetProperty("current").GetBoolean()).GetProperty("trust").GetString();
    }

    [Fact]
    public async Task TheSecretIsEncryptedAtRest()
    {
        var (_, secret, _) = await EnrolAsync();

        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={_gate.SqliteFile};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT secret_ciphertext FROM factors";
        var stored = (byte[])(await command.ExecuteScalarAsync())!;

        Assert.NotEqual(secret, stored);
        Assert.DoesNotContain(Convert.ToHexString(secret), Convert.ToHexString(stored), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_gate.DataDirectory, "keyring.json")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_gate.DataDirectory, "keyring.json")));
        }
    }

    [Fact]
    public async Task BindingAFactor_IsAuditedAndNotified()
    {
        await EnrolAsync();

        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var user = await unit.Users.FindByUsernameAsync("alice", CancellationToken.None);
        var notifications = await unit.Notifications.ListForUserAsync(user!.Id, 10, CancellationToken.None);
        Assert.Contains(notifications, n => n.Type == "security.factor_bound");
        Assert.Contains(notifications, n => n.Type == "security.new_device");
    }
}
