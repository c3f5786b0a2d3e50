using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Portcullis.Core.Audit;
using Portcullis.Core.Factors.RecoveryCodes;
using Portcullis.Core.Factors.Totp;
using Portcullis.Core.Persistence;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

/// <summary>Recovery codes over HTTP: one user with an authenticator app and a fresh session; one change per test.</summary>
public sealed class RecoveryCodeTests : IAsyncLifetime
{
    private const string CodeShape = "^[abcdefghjkmnpqrstuvwxyz23456789]{4}(-[abcdefghjkmnpqrstuvwxyz23456789]{4}){3}$";

    private TestGate _gate = null!;
    private HttpClient _client = null!;
    private byte[] _secret = null!;

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

    private string Totp() => TotpCode.Compute(_secret, _gate.Time.GetUtcNow());

    /// <summary>Enrols an authenticator app (with a password-only session) and moves to the next time step.</summary>
    private async Task EnrolTotpAsync(string token)
    {
        var (status, enrolment, _) = await _client.PostJsonAsync("/api/v1/factors/totp", new { name = "Phone" }, token);
        Assert.Equal(HttpStatusCode.OK, status);
        _secret = Base32Encoding.ToBytes(enrolment.GetProperty("secret").GetString());
        var factorId = enrolment.GetProperty("factor").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync($"/api/v1/factors/totp/{factorId}/confirm", new { code = Totp() }, token)).Status);
        _gate.Time.Advance(TimeSpan.FromSeconds(30));
    }

    /// <summary>A session proven with password + authenticator app just now: allowed to generate codes.</summary>
    private async Task<string> FreshSessionAsync()
    {
        await EnrolTotpAsync((await _gate.SignInAsync(_client, "alice")).Token());
        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/totp", new { flow = await PasswordStepAsync(), code = Totp() });
        Assert.Equal(HttpStatusCode.OK, status);
        _gate.Time.Advance(TimeSpan.FromSeconds(30));
        return body.Token();
    }

    private async Task<List<string>> GenerateAsync(string token)
    {
        var (status, body, _) = await _client.PostJsonAsync("/api/v1/factors/recovery-codes", new { }, token);
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();
    }

    private async Task<string> PasswordStepAsync()
    {
        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = TestGate.StrongPassword });
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("flow").GetProperty("handle").GetString()!;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SignInWithCodeAsync(string code)
    {
        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/recovery-code", new { flow = await PasswordStepAsync(), code });
        return (status, body);
    }

    private async Task<List<string>> NotificationsAsync()
    {
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var user = await unit.Users.FindByUsernameAsync("alice", CancellationToken.None);
        return (await unit.Notifications.ListForUserAsync(user!.Id, 50, CancellationToken.None)).Select(n => n.Type).ToList();
    }

    [Fact]
    public async Task Generating_GivesTenDistinctCodes_ShownOnce()
    {
        var token = await FreshSessionAsync();

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/factors/recovery-codes", new { }, token);

        Assert.Equal(HttpStatusCode.OK, status);
        var codes = body.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches(CodeShape, c));
        Assert.Equal("lookup_secret", body.GetProperty("factor").GetProperty("class").GetString());
        var (statusRead, read, _) = await _client.GetJsonAsync("/api/v1/factors/recovery-codes", token);
        Assert.Equal(HttpStatusCode.OK, statusRead);
        Assert.Equal(10, read.GetProperty("remaining").GetInt32());
        Assert.Equal(_gate.Time.GetUtcNow(), read.GetProperty("generated_at").GetDateTimeOffset());
        Assert.False(read.TryGetProperty("codes", out _));
        Assert.DoesNotContain(codes[0], read.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generating_WithoutAStrongFactor_IsRefused()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/factors/recovery-codes", new { }, token);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("recovery_codes.strong_factor_required", body.Code());
    }

    [Fact]
    public async Task Generating_NeedsAFreshSecondFactor()
    {
        var token = await FreshSessionAsync();
        _gate.Time.Advance(TimeSpan.FromMinutes(5));

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/factors/recovery-codes", new { }, token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("policy.step_up_required", body.Code());
    }

    [Fact]
    public async Task Generating_IsAuditedAndNotified()
    {
        var token = await FreshSessionAsync();

        await GenerateAsync(token);
        await GenerateAsync(token);

        var generated = (await _gate.ReadAuditAsync()).Where(e => e.Type == "recovery_codes.generated").ToList();
        Assert.Equal(2, generated.Count);
        Assert.Contains("\"invalidated\":10", generated[1].Data, StringComparison.Ordinal);
        Assert.Equal(2, (await NotificationsAsync()).Count(n => n == "security.recovery_codes_regenerated"));
    }

    [Fact]
    public async Task SigningInWithACode_RestrictsTheSession_UntilANewFactorIsEnrolled()
    {
        var codes = await GenerateAsync(await FreshSessionAsync());

        var (status, body) = await SignInWithCodeAsync(codes[3]);

        Assert.Equal(HttpStatusCode.OK, status);
        var session = body.GetProperty("session");
        Assert.True(session.GetProperty("factor_enrollment_required").GetBoolean());
        var proof = session.GetProperty("authentications")[1];
        Assert.Equal("recovery_code", proof.GetProperty("method").GetString());
        Assert.Equal("lookup_secret", proof.GetProperty("class").GetString());
        var token = body.Token();
        var (meStatus, me, _) = await _client.GetJsonAsync("/api/v1/me", token);
        Assert.Equal(HttpStatusCode.Forbidden, meStatus);
        Assert.Equal("session.factor_enrollment_required", me.Code());
        Assert.Equal("session.factor_enrollment_required", (await _client.PostJsonAsync("/api/v1/factors/recovery-codes", new { }, token)).Body.Code());
        Assert.Equal(9, (await _client.GetJsonAsync("/api/v1/factors/recovery-codes", token)).Body.GetProperty("remaining").GetInt32());

        await EnrolTotpAsync(token);

        Assert.Equal(HttpStatusCode.OK, (await _client.GetJsonAsync("/api/v1/me", token)).Status);
    }

    [Fact]
    public async Task UsingACode_IsAuditedAndAlerted()
    {
        var codes = await GenerateAsync(await FreshSessionAsync());

        Assert.Equal(HttpStatusCode.OK, (await SignInWithCodeAsync(codes[0])).Status);

        var used = Assert.Single(await _gate.ReadAuditAsync(), e => e.Type == "recovery_code.used");
        Assert.Contains("\"remaining\":9", used.Data, StringComparison.Ordinal);
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == "signin.succeeded" && MethodOf(e) == "password+recovery_code");
        Assert.Contains("security.recovery_code_used", await NotificationsAsync());
    }

    [Fact]
    public async Task ACode_IsRefusedTheSecondTime()
    {
        var codes = await GenerateAsync(await FreshSessionAsync());
        Assert.Equal(HttpStatusCode.OK, (await SignInWithCodeAsync(codes[0])).Status);

        var (status, body) = await SignInWithCodeAsync(codes[0]);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("factor.invalid", body.Code());
    }

    [Fact]
    public async Task Regenerating_InvalidatesTheOldCodes()
    {
        var token = await FreshSessionAsync();
        var old = await GenerateAsync(token);

        var fresh = await GenerateAsync(token);

        var (status, body) = await SignInWithCodeAsync(old[0]);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("factor.invalid", body.Code());
        Assert.Equal(HttpStatusCode.OK, (await SignInWithCodeAsync(fresh[0])).Status);
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var user = await unit.Users.FindByUsernameAsync("alice", CancellationToken.None);
        Assert.Single((await unit.Factors.ListForUserAsync(user!.Id, CancellationToken.None)), f => f.Kind == Core.Factors.FactorKind.RecoveryCodes);
    }

    [Fact]
    public async Task ACode_IsAccepted_InUpperCaseWithoutHyphens()
    {
        var codes = await GenerateAsync(await FreshSessionAsync());

        var (status, _) = await SignInWithCodeAsync(" " + codes[5].Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task WrongCodes_AreCountedAndAudited_AndFiveEndTheFlow()
    {
        var codes = await GenerateAsync(await FreshSessionAsync());
        var handle = await PasswordStepAsync();
        var wrongGroup = codes[0][..5] + "aaaa-aaaa-aaaa"; // a real code's first group, the rest wrong
        var answers = new List<string>();
        foreach (var code in new[] { wrongGroup, "abcd-efgh-jkmn-pqrs", "not a code", "0000-1111-iiii-llll", wrongGroup })
        {
            answers.Add((await _client.PostJsonAsync("/api/v1/sign-in/recovery-code", new { flow = handle, code })).Body.Code());
        }

        var (_, after, _) = await _client.PostJsonAsync("/api/v1/sign-in/recovery-code", new { flow = handle, code = codes[0] });

        Assert.Equal(["factor.invalid", "factor.invalid", "factor.invalid", "factor.invalid", "flow.failed"], answers);
        Assert.Equal("flow.failed", after.Code());
        var failed = (await _gate.ReadAuditAsync()).Where(e => e.Type == "signin.failed").Select(e => e.Code).ToList();
        Assert.Equal(["wrong_code", "wrong_code", "malformed", "malformed", "wrong_code"], failed);
        Assert.Equal(10, (await _client.GetJsonAsync("/api/v1/factors/recovery-codes", await FreshStepUpAsync())).Body.GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task AnUnknownFirstGroup_CostsTheSameOneHashAsAKnownOne()
    {
        var codes = await GenerateAsync(await FreshSessionAsync());
        var pool = _gate.Services.GetRequiredService<Core.Passwords.PasswordHashingPool>();
        var unknown = codes.Select(c => c[..4]).Contains("zzzz") ? "yyyy-aaaa-aaaa-aaaa" : "zzzz-aaaa-aaaa-aaaa";
        var hashes = new List<long>();
        foreach (var code in new[] { unknown, codes[0][..5] + "aaaa-aaaa-aaaa" })
        {
            var handle = await PasswordStepAsync();
            var before = pool.Completed;
            var (_, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/recovery-code", new { flow = handle, code });
            Assert.Equal("factor.invalid", body.Code());
            hashes.Add(pool.Completed - before);
        }

        Assert.Equal([1L, 1L], hashes);
    }

    [Fact]
    public async Task TheDatabase_HoldsOnlyArgon2idHashes()
    {
        var codes = await GenerateAsync(await FreshSessionAsync());

        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={_gate.SqliteFile};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT lookup, hash FROM recovery_codes";
        var rows = new List<(string Lookup, string Hash)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Assert.Equal(10, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("$argon2id$v=19$", r.Hash, StringComparison.Ordinal));
        Assert.Equal(codes.Select(c => c[..4]).Order(), rows.Select(r => r.Lookup).Order());
        var file = await File.ReadAllBytesAsync(_gate.SqliteFile);
        var text = System.Text.Encoding.UTF8.GetString(file);
        Assert.All(codes, c => Assert.DoesNotContain(c[5..], text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logs_NeverContainTheCodes()
    {
        var codes = await GenerateAsync(await FreshSessionAsync());
        await SignInWithCodeAsync(codes[0]);

        var logs = _gate.Logs.All;
        Assert.All(codes, c => Assert.DoesNotContain(c, logs, StringComparison.Ordinal));
        Assert.DoesNotContain("$argon2id$", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFirstSet_CanBeIssuedWhenTheFirstStrongFactorIsBound_OnlyOnce()
    {
        await EnrolTotpAsync((await _gate.SignInAsync(_client, "alice")).Token());
        var recovery = _gate.Services.GetRequiredService<RecoveryCodeService>();
        Guid userId;
        await using (var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None))
        {
            userId = (await unit.Users.FindByUsernameAsync("alice", CancellationToken.None))!.Id;
        }

        var first = await recovery.IssueFirstSetAsync(userId, null, CancellationToken.None);
        var second = await recovery.IssueFirstSetAsync(userId, null, CancellationToken.None);

        Assert.True(first.IsSuccess);
        Assert.Equal(10, first.Value.Codes.Count);
        Assert.Equal(RecoveryCodeErrors.AlreadyIssuedCode, second.Error?.Code);
        Assert.Equal(HttpStatusCode.OK, (await SignInWithCodeAsync(first.Value.Codes[0])).Status);
    }

    [Fact]
    public async Task TheFirstSet_IsNotIssuedWithoutAStrongFactor()
    {
        var user = await _gate.CreateUserAsync("bob");

        var result = await _gate.Services.GetRequiredService<RecoveryCodeService>().IssueFirstSetAsync(user.Id, null, CancellationToken.None);

        Assert.Equal(RecoveryCodeErrors.StrongFactorRequiredCode, result.Error?.Code);
    }

    /// <summary>A new session (password + authenticator app) in the next time step, to read the state after a failed flow.</summary>
    private async Task<string> FreshStepUpAsync()
    {
        _gate.Time.Advance(TimeSpan.FromSeconds(30));
        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/totp", new { flow = await PasswordStepAsync(), code = Totp() });
        Assert.Equal(HttpStatusCode.OK, status);
        return body.Token();
    }

    private static string? MethodOf(AuditEvent e) =>
        System.Text.Json.JsonDocument.Parse(e.Data).RootElement.TryGetProperty("method", out var method) ? method.GetString() : null;
}
