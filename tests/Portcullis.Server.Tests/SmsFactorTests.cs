using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Audit;
using Portcullis.Core.Factors;
using Portcullis.Core.Persistence;
using Portcullis.Core.SignIn;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

/// <summary>SMS codes through the development file sender: enrolment, sign-in, limits. One valid setup, one change per test.</summary>
public sealed partial class SmsFactorTests : IAsyncLifetime
{
    private const string Phone = "+41446681800";

    private TestGate _gate = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync() => StartAsync();

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gate.DisposeAsync();
    }

    private async Task StartAsync(params (string Key, string? Value)[] changes)
    {
        if (_gate is not null)
        {
            _client.Dispose();
            await _gate.DisposeAsync();
        }

        var settings = new Dictionary<string, string?>
        {
            ["SignIn:Network:FreeAttempts"] = "1000",
            ["Factors:Sms:Enabled"] = "true",
        };
        foreach (var (key, value) in changes)
        {
            settings[key] = value;
        }

        _gate = await TestGate.StartAsync(settings);
        await _gate.CreateUserAsync("alice");
        _client = _gate.CreateClient();
    }

    private string Outbox => Path.Combine(_gate.DataDirectory, "sms-outbox.log");

    /// <summary>The code in the last message of the development outbox, and the number it went to.</summary>
    private (string Code, string To) LastSms()
    {
        var fields = File.ReadAllLines(Outbox)[^1].Split('\t');
        return (CodePattern().Match(fields[2]).Groups[1].Value, fields[1]);
    }

    private int SmsCount() => File.Exists(Outbox) ? File.ReadAllLines(Outbox).Length : 0;

    private async Task<(string Token, string FactorId)> EnrolAsync()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();
        var (status, body, _) = await _client.PostJsonAsync("/api/v1/factors/sms", new { phone = "+41 44 668 18 00", name = "Work phone" }, token);
        Assert.Equal(HttpStatusCode.OK, status);
        var factorId = body.GetProperty("factor").GetProperty("id").GetString()!;
        var (confirmed, factor, _) = await _client.PostJsonAsync($"/api/v1/factors/sms/{factorId}/confirm", new { code = LastSms().Code }, token);
        Assert.Equal(HttpStatusCode.OK, confirmed);
        Assert.Equal("active", factor.GetProperty("status").GetString());
        return (token, factorId);
    }

    private async Task<string> PasswordStepAsync()
    {
        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = TestGate.StrongPassword });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("second_factor_required", body.GetProperty("status").GetString());
        return body.GetProperty("flow").GetProperty("handle").GetString()!;
    }

    [Fact]
    public async Task Enrolment_SendsACode_AndWarnsThatSmsIsTheWeakestFactor()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/factors/sms", new { phone = "+41 44 668 18 00" }, token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("weakest", body.GetProperty("warning").GetString(), StringComparison.Ordinal);
        var factor = body.GetProperty("factor");
        Assert.Equal("pending", factor.GetProperty("status").GetString());
        Assert.Equal("restricted", factor.GetProperty("class").GetString());
        Assert.Equal("•••1800", factor.GetProperty("hint").GetString());
        Assert.Equal(_gate.Time.GetUtcNow().AddMinutes(5), body.GetProperty("expires_at").GetDateTimeOffset());
        var (code, to) = LastSms();
        Assert.Equal(Phone, to);
        Assert.Matches("^[0-9]{6}$", code);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Outbox));
        }
    }

    [Fact]
    public async Task Enrolment_IsRefused_WhenSmsIsDisabled()
    {
        await StartAsync(("Factors:Sms:Enabled", "false"));
        var token = (await _gate.SignInAsync(_client, "alice")).Token();

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/factors/sms", new { phone = Phone }, token);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("factor.disabled", body.Code());
        Assert.Equal(0, SmsCount());
    }

    [Fact]
    public async Task AnSmsFactor_IsNotOffered_WhenSmsIsDisabled()
    {
        await StartAsync(("Factors:Sms:Enabled", "false"));
        await using (var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None))
        {
            // Enrolled while SMS was allowed; the policy has since forbidden it.
            var user = await unit.Users.FindByUsernameAsync("alice", CancellationToken.None);
            var now = _gate.Time.GetUtcNow();
            unit.Factors.Add(new Factor
            {
                Id = Guid.CreateVersion7(now),
                UserId = user!.Id,
                Kind = FactorKind.Sms,
                Name = "Phone",
                Phone = Phone,
                Status = FactorStatus.Active,
                CreatedAt = now,
                ActivatedAt = now,
            });
            await unit.CommitAsync(CancellationToken.None);
        }

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = TestGate.StrongPassword });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("signed_in", body.GetProperty("status").GetString());
        Assert.Equal(0, SmsCount());
    }

    [Fact]
    public async Task SendingToAFlow_IsRefused_WhenSmsIsDisabled()
    {
        await EnrolAsync();
        var handle = await PasswordStepAsync();
        _gate.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FactorOptions>>().Value.Sms.Enabled = false;
        var sent = SmsCount();

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/sms", new { flow = handle });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("factor.not_available", body.Code());
        Assert.Equal(sent, SmsCount());
    }

    [Theory]
    [InlineData("0446681800")]
    [InlineData("+0446681800")]
    [InlineData("+4144")]
    [InlineData("+414466818001234567")]
    [InlineData("+41 44 668 18 00 ext 2")]
    public async Task Enrolment_RefusesANumberThatIsNotE164(string phone)
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/factors/sms", new { phone }, token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("request.invalid", body.Code());
        Assert.True(body.GetProperty("errors").TryGetProperty("phone", out _));
        Assert.Equal(0, SmsCount());
    }

    [Fact]
    public async Task Enrolment_NeedsAFreshProof()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();
        _gate.Time.Advance(TimeSpan.FromMinutes(6));

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/factors/sms", new { phone = Phone }, token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("policy.step_up_required", body.Code());
        Assert.Equal(0, SmsCount());
    }

    [Fact]
    public async Task Confirming_WithAWrongCode_IsRefused_AndFiveEndTheEnrolment()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();
        var (_, body, _) = await _client.PostJsonAsync("/api/v1/factors/sms", new { phone = Phone }, token);
        var factorId = body.GetProperty("factor").GetProperty("id").GetString();
        var code = LastSms().Code;
        var wrong = code == "000000" ? "000001" : "000000";
        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await _client.PostJsonAsync($"/api/v1/factors/sms/{factorId}/confirm", new { code = wrong }, token)).Body.Code());
        }

        var (status, after, _) = await _client.PostJsonAsync($"/api/v1/factors/sms/{factorId}/confirm", new { code }, token);

        Assert.Equal(Enumerable.Repeat("factor.invalid", 5), answers);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("factor.enrollment_invalid", after.Code());
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == "factor.enrolment_failed" && e.Code == "wrong_code");
    }

    [Fact]
    public async Task Confirming_AfterTheCodeExpired_IsRefused()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();
        var (_, body, _) = await _client.PostJsonAsync("/api/v1/factors/sms", new { phone = Phone }, token);
        var factorId = body.GetProperty("factor").GetProperty("id").GetString();

        _gate.Time.Advance(TimeSpan.FromMinutes(5));
        var (status, after, _) = await _client.PostJsonAsync($"/api/v1/factors/sms/{factorId}/confirm", new { code = LastSms().Code }, token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("factor.enrollment_invalid", after.Code());
    }

    [Fact]
    public async Task SignIn_WithTheCodeSentByText_GivesASessionWhoseSecondFactorIsRestricted()
    {
        var (_, factorId) = await EnrolAsync();
        var handle = await PasswordStepAsync();

        var (sentStatus, sent, _) = await _client.PostJsonAsync("/api/v1/sign-in/sms", new { flow = handle });
        Assert.Equal(HttpStatusCode.OK, sentStatus);
        Assert.Contains("weakest", sent.GetProperty("warning").GetString(), StringComparison.Ordinal);
        Assert.Equal(factorId, sent.GetProperty("factor").GetProperty("id").GetString());
        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/sms/verify", new { flow = handle, code = LastSms().Code });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("signed_in", body.GetProperty("status").GetString());
        var second = body.GetProperty("session").GetProperty("authentications")[1];
        Assert.Equal("sms", second.GetProperty("method").GetString());
        Assert.Equal("restricted", second.GetProperty("class").GetString());
        Assert.Equal(factorId, second.GetProperty("factor_id").GetString());
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == "signin.succeeded" && MethodOf(e) == "password+sms");
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == "sms.sent" && e.Data.Contains("sign_in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACode_IsUsableOnce()
    {
        await EnrolAsync();
        var handle = await PasswordStepAsync();
        await _client.PostJsonAsync("/api/v1/sign-in/sms", new { flow = handle });
        var code = LastSms().Code;
        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/api/v1/sign-in/sms/verify", new { flow = handle, code })).Status);

        var (replayStatus, replay, _) = await _client.PostJsonAsync("/api/v1/sign-in/sms/verify", new { flow = handle, code });
        var other = await PasswordStepAsync();
        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/sms/verify", new { flow = other, code });

        Assert.Equal(HttpStatusCode.Unauthorized, replayStatus);
        Assert.Equal("flow.invalid", replay.Code());
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("factor.invalid", body.Code());
    }

    [SkippableFact]
    public async Task ANewCode_ReplacesTheOneSentBefore()
    {
        await EnrolAsync();
        var handle = await PasswordStepAsync();
        await _client.PostJsonAsync("/api/v1/sign-in/sms", new { flow = handle });
        var first = LastSms().Code;
        await _client.PostJsonAsync("/api/v1/sign-in/sms", new { flow = handle });
        var second = LastSms().Code;
        Skip.If(first == second, "the two random codes happen to be equal");

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/sms/verify", new { flow = handle, code = first });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("factor.invalid", body.Code());
        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/api/v1/sign-in/sms/verify", new { flow = handle, code = second })).Status);
    }

    [Fact]
    public async Task AnExpiredCode_IsRefused_AndANewOneWorks()
    {
        await StartAsync(("Factors:Sms:CodeLifetime", "00:02:00"));
        await EnrolAsync();
        var handle = await PasswordStepAsync();
        await _client.PostJsonAsync("/api/v1/sign-in/sms", new { flow = handle });
        var code = LastSms().Code;

        _gate.Time.Advance(TimeSpan.FromMinutes(2));
        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/sms/verify", new { flow = handle, code });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("factor.invalid", body.Code());
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == "signin.failed" && e.Code == "expired");
        await _client.PostJsonAsync("/api/v1/sign-in/sms", new { flow = handle });
        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/api/v1/sign-in/sms/verify", new { flow = handle, code = LastSms().Code })).Status);
    }

    [Fact]
    public async Task WrongCodes_AreCountedAndAudited_AndFiveEndTheFlow()
    {
        await EnrolAsync();
        var handle = await PasswordStepAsync();
        await _client.PostJsonAsync("/api/v1/sign-in/sms", new { flow = handle });
        var code = LastSms().Code;
        var wrong = code == "123456" ? "654321" : "123456";
        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await _client.PostJsonAsync("/api/v1/sign-in/sms/verify", new { flow = handle, code = i == 0 ? "not-a-code" : wrong })).Body.Code());
        }

        var (_, after, _) = await _client.PostJsonAsync("/api/v1/sign-in/sms/verify", new { flow = handle, code });

        Assert.Equal(["factor.invalid", "factor.invalid", "factor.invalid", "factor.invalid", "flow.failed"], answers);
        Assert.Equal("flow.failed", after.Code());
        Assert.Equal(5, (await _gate.ReadAuditAsync()).Count(e => e.Type == "signin.failed" && e.Code == "wrong_code"));
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var user = await unit.Users.FindByUsernameAsync("alice", CancellationToken.None);
        Assert.Equal(5, (await unit.Throttle.FindAsync(ThrottleKeys.ForSecondFactor(user!.Id), CancellationToken.None))!.Failures);
    }

    [Fact]
    public async Task VerifyingBeforeACodeWasSent_CountsAsAFailure()
    {
        await EnrolAsync();
        var handle = await PasswordStepAsync();

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/sms/verify", new { flow = handle, code = "123456" });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("factor.invalid", body.Code());
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == "signin.failed" && e.Code == "no_code");
    }

    [Fact]
    public async Task Sending_IsLimitedPerUser_AndTheWindowReopensAfter15Minutes()
    {
        await EnrolAsync(); // the first of three sends in the window
        var handle = await PasswordStepAsync();
        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/api/v1/sign-in/sms", new { flow = handle })).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/api/v1/sign-in/sms", new { flow = handle })).Status);
        var sent = SmsCount();

        var (status, body, response) = await _client.PostJsonAsync("/api/v1/sign-in/sms", new { flow = handle });

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("sms.send_limit", body.Code());
        Assert.Equal(TimeSpan.FromMinutes(15), response.Headers.RetryAfter!.Delta);
        Assert.Equal(sent, SmsCount());
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == "sms.send_failed" && e.Code == "send_limit");
        _gate.Time.Advance(TimeSpan.FromMinutes(15));
        var fresh = await PasswordStepAsync();
        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/api/v1/sign-in/sms", new { flow = fresh })).Status);
    }

    [Fact]
    public async Task Sending_ToAFlowWithoutItsHandle_IsRefused()
    {
        await EnrolAsync();
        await PasswordStepAsync();
        var sent = SmsCount();

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/sms", new { flow = "pcf_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("flow.invalid", body.Code());
        Assert.Equal(sent, SmsCount());
    }

    [Fact]
    public async Task Logs_NeverContainTheCodesOrTheNumber()
    {
        await EnrolAsync();
        var codes = new List<string> { LastSms().Code };
        var handle = await PasswordStepAsync();
        await _client.PostJsonAsync("/api/v1/sign-in/sms", new { flow = handle });
        codes.Add(LastSms().Code);
        await _client.PostJsonAsync("/api/v1/sign-in/sms/verify", new { flow = handle, code = codes[^1] });

        var logs = _gate.Logs.All;
        Assert.Contains("/api/v1/sign-in/sms", logs, StringComparison.Ordinal);
        foreach (var code in codes)
        {
            Assert.DoesNotMatch($"(?<![0-9A-Za-z]){code}(?![0-9A-Za-z])", logs);
        }

        Assert.DoesNotContain(Phone, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("44 668", logs, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b([0-9]{6})\b")]
    private static partial Regex CodePattern();

    private static string? MethodOf(AuditEvent e) =>
        System.Text.Json.JsonDocument.Parse(e.Data).RootElement.TryGetProperty("method", out var method) ? method.GetString() : null;
}
