using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Devices;
using Portcullis.Core.Factors;
using Portcullis.Core.Persistence;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

/// <summary>Enrolling an authenticator device with a one-time code.</summary>
public sealed class PushEnrollmentTests : PushTests
{
    [Fact]
    public async Task EnrollmentCode_ComesWithALinkAndQrCodes_AndExpiresInTenMinutes()
    {
        var session = await SessionAsync();

        var (status, body, _) = await Client.PostJsonAsync("/api/v1/factors/push/enrollment", new { }, session);

        Assert.Equal(HttpStatusCode.OK, status);
        var code = body.GetProperty("code").GetString()!;
        Assert.StartsWith("pce_", code, StringComparison.Ordinal);
        Assert.Equal(Gate.Time.GetUtcNow().AddMinutes(10), body.GetProperty("expires_at").GetDateTimeOffset());
        var link = body.GetProperty("enrollment_uri").GetString()!;
        Assert.StartsWith("portcullis-authenticator://enrol?server=", link, StringComparison.Ordinal);
        Assert.EndsWith("&code=" + code, link, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(Gate.BaseAddress.GetLeftPart(UriPartial.Authority)), link, StringComparison.Ordinal);
        Assert.StartsWith("<svg", body.GetProperty("qr_svg").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("data:image/png;base64,iVBOR", body.GetProperty("qr_png").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrolment_RegistersATrustedAuthenticator_WithAnActivePushFactorHoldingTheDeviceKey()
    {
        var device = await EnrolAsync("Pixel");

        await using var unit = await Gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var stored = await unit.Devices.FindAsync(device.DeviceId, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(DeviceKind.Authenticator, stored.Kind);
        Assert.Equal(DeviceTrust.Trusted, stored.Trust);
        Assert.Null(stored.TokenHash);
        Assert.Equal("Pixel", stored.Name);
        Assert.Equal("test-authenticator/1", stored.Platform);
        var factor = await unit.Factors.FindAsync(device.FactorId, CancellationToken.None);
        Assert.NotNull(factor);
        Assert.Equal(FactorKind.Push, factor.Kind);
        Assert.Equal(FactorStatus.Active, factor.Status);
        Assert.Equal(device.DeviceId, factor.DeviceId);
        Assert.Equal(device.SigningPublic, factor.PublicKey);
        var audit = await Gate.ReadAuditAsync();
        Assert.Contains(audit, e => e.Type == "device.registered" && e.Subject == $"device:{device.DeviceId}" && e.Data.Contains("authenticator", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Type == "factor.bound" && e.Subject == $"factor:{device.FactorId}" && e.Data.Contains("\"push\"", StringComparison.Ordinal));
        var notifications = await unit.Notifications.ListForUserAsync(AliceId, 10, CancellationToken.None);
        Assert.Contains(notifications, n => n.Type == "security.factor_bound");
    }

    [Fact]
    public async Task TheOfflineSeed_IsStoredEncrypted_AndNeverSent()
    {
        var device = NewDevice();
        var (status, body) = await device.EnrolAsync(await EnrollmentCodeAsync(await SessionAsync()));
        Assert.Equal(HttpStatusCode.OK, status);

        Assert.Equal(["device_id", "factor_id", "name", "server_agreement_key", "offline"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(8, body.GetProperty("offline").GetProperty("digits").GetInt32());
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={Gate.SqliteFile};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT secret_ciphertext FROM factors";
        var stored = (byte[])(await command.ExecuteScalarAsync())!;
        Assert.Equal(32, device.Seed.Length);
        Assert.DoesNotContain(Convert.ToHexString(device.Seed), Convert.ToHexString(stored), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACode_IsSingleUse()
    {
        var code = await EnrollmentCodeAsync(await SessionAsync());
        var first = NewDevice();
        Assert.Equal(HttpStatusCode.OK, (await first.EnrolAsync(code)).Status);

        var second = NewDevice();
        var (status, body) = await second.EnrolAsync(code);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("factor.enrollment_invalid", body.Code());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "factor.enrolment_failed" && e.Code == "used");
    }

    [Fact]
    public async Task AnExpiredCode_IsRefused()
    {
        var code = await EnrollmentCodeAsync(await SessionAsync());
        Gate.Time.Advance(TimeSpan.FromMinutes(10));
        var device = NewDevice();

        var (status, body) = await device.EnrolAsync(code);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("factor.enrollment_invalid", body.Code());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "factor.enrolment_failed" && e.Code == "expired");
    }

    [Theory]
    [InlineData("pce_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-code")]
    public async Task AnUnknownCode_IsRefused(string code)
    {
        var device = NewDevice();

        var (status, body) = await device.EnrolAsync(code);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("factor.enrollment_invalid", body.Code());
    }

    [Fact]
    public async Task ACode_DiesWithTheSessionThatAskedForIt()
    {
        var session = await SessionAsync();
        var code = await EnrollmentCodeAsync(session);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostJsonAsync("/api/v1/sign-out", new { }, session)).Status);
        var device = NewDevice();

        var (status, body) = await device.EnrolAsync(code);

        Assert.Equal("factor.enrollment_invalid", body.Code());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "factor.enrolment_failed" && e.Code == "session_ended");
    }

    [Fact]
    public async Task MalformedKeys_AreRefusedByField_WithoutBurningTheCode()
    {
        var code = await EnrollmentCodeAsync(await SessionAsync());
        var device = NewDevice();

        var (status, body) = await device.EnrolAsync(code, signingKey: "too-short", agreementKey: Device.B64(new byte[32]));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("request.invalid", body.Code());
        Assert.True(body.GetProperty("errors").TryGetProperty("signing_key", out _));
        Assert.Equal(HttpStatusCode.OK, (await device.EnrolAsync(code)).Status);
    }

    [Fact]
    public async Task ALowOrderAgreementKey_IsRefused()
    {
        var code = await EnrollmentCodeAsync(await SessionAsync());
        var device = NewDevice();

        var (status, body) = await device.EnrolAsync(code, agreementKey: Device.B64(new byte[32]));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("agreement_key", out _), body.ToString());
    }

    [Fact]
    public async Task AskingForACode_NeedsAFreshProof()
    {
        var session = await SessionAsync();
        Gate.Time.Advance(TimeSpan.FromMinutes(6));

        var (status, body, _) = await Client.PostJsonAsync("/api/v1/factors/push/enrollment", new { }, session);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("policy.step_up_required", body.Code());
    }

    [Fact]
    public async Task AfterEnrolment_SignInOffersPush()
    {
        var device = await EnrolAsync();

        var (_, body, _) = await Client.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = TestGate.StrongPassword });

        var factor = Assert.Single(body.GetProperty("flow").GetProperty("factors").EnumerateArray());
        Assert.Equal("push", factor.GetProperty("kind").GetString());
        Assert.Equal("possession", factor.GetProperty("class").GetString());
        Assert.Equal(device.DeviceId.ToString(), factor.GetProperty("device_id").GetString());
    }
}
