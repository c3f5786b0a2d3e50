using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Reports;
using Portcullis.Core.Persistence;
using Portcullis.Core.Users;
using Portcullis.Server.Reports;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

public sealed class ActivityReportTests : IAsyncLifetime
{
    private TestGate _gate = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        // The background loop is off: each test runs passes itself with RunOnceAsync.
        _gate = await TestGate.StartAsync(new Dictionary<string, string?>
        {
            ["SignIn:Network:FreeAttempts"] = "1000",
            ["Notifications:Reports:Enabled"] = "false",
        });
        _client = _gate.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gate.DisposeAsync();
    }

    private ActivityReportScheduler Scheduler => _gate.Services.GetRequiredService<ActivityReportScheduler>();

    private string Now => _gate.Time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>One failed attempt, a sign-in from a new device named Laptop, and a second sign-in from it.</summary>
    private async Task<(string Token, string DeviceToken)> SignInAFewTimesAsync()
    {
        await _gate.CreateUserAsync("alice");
        var (failed, _, _) = await _client.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = "wrong-password-entirely" });
        Assert.Equal(HttpStatusCode.Unauthorized, failed);
        var (_, first, _) = await _client.PostJsonAsync("/api/v1/sign-in",
            new { username = "alice", password = TestGate.StrongPassword, device_name = "Laptop" });
        var deviceToken = first.GetProperty("device_token").GetString()!;
        var second = await _gate.SignInAsync(_client, "alice", deviceToken: deviceToken);
        _gate.Time.Advance(TimeSpan.FromMinutes(1));
        return (second.Token(), deviceToken);
    }

    [Fact]
    public async Task Report_AfterSignIns_ListsThemTheFailureAndTheNewDevice()
    {
        var (token, deviceToken) = await SignInAFewTimesAsync();

        var (status, report, response) = await _client.GetJsonAsync($"/api/v1/me/activity-report?period=daily&end={Now}", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("daily", report.GetProperty("period").GetString());
        Assert.Equal("alice", report.GetProperty("username").GetString());
        Assert.Equal(_gate.Time.GetUtcNow().AddDays(-1), report.GetProperty("start").GetDateTimeOffset());
        var signIns = report.GetProperty("sign_ins");
        Assert.Equal(2, signIns.GetProperty("succeeded").GetInt32());
        Assert.Equal(1, signIns.GetProperty("failed").GetInt32());
        var successes = signIns.GetProperty("successes").EnumerateArray().ToList();
        Assert.All(successes, s =>
        {
            Assert.Equal("Laptop", s.GetProperty("device_name").GetString());
            Assert.Equal("127.0.0.1", s.GetProperty("ip").GetString());
            Assert.Equal("password", s.GetProperty("method").GetString());
            Assert.Equal("aal1", s.GetProperty("assurance").GetString());
        });
        Assert.Equal([true, false], successes.Select(s => s.GetProperty("new_device").GetBoolean()));
        var failure = Assert.Single(signIns.GetProperty("failures_by_ip").EnumerateArray());
        Assert.Equal("127.0.0.1", failure.GetProperty("ip").GetString());
        Assert.Equal(1, failure.GetProperty("count").GetInt32());
        var added = Assert.Single(report.GetProperty("devices").GetProperty("added").EnumerateArray());
        Assert.Equal("Laptop", added.GetProperty("name").GetString());
        Assert.Equal("127.0.0.1", added.GetProperty("ip").GetString());
        Assert.Empty(report.GetProperty("devices").GetProperty("revoked").EnumerateArray());
        Assert.Contains(report.GetProperty("security_changes").EnumerateArray(),
            e => e.GetProperty("type").GetString() == NotificationTypes.NewDevice);
        Assert.Empty(report.GetProperty("trades").EnumerateArray());
        Assert.Empty(report.GetProperty("api_keys").EnumerateArray());
        Assert.Equal(2, report.GetProperty("current").GetProperty("active_sessions").GetInt32());
        Assert.Equal(1, report.GetProperty("current").GetProperty("active_devices").GetInt32());
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(deviceToken, raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_RevokedDevice_IsListed()
    {
        var (token, _) = await SignInAFewTimesAsync();
        var (_, other, _) = await _client.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = TestGate.StrongPassword, device_name = "Old phone" });
        var phoneId = other.GetProperty("device").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(HttpMethod.Delete, $"/api/v1/devices/{phoneId}", token)).Status);
        _gate.Time.Advance(TimeSpan.FromMinutes(1));

        var (_, report, _) = await _client.GetJsonAsync($"/api/v1/me/activity-report?period=weekly&end={Now}", token);

        var revoked = Assert.Single(report.GetProperty("devices").GetProperty("revoked").EnumerateArray());
        Assert.Equal("Old phone", revoked.GetProperty("name").GetString());
        Assert.Contains(report.GetProperty("security_changes").EnumerateArray(),
            e => e.GetProperty("type").GetString() == NotificationTypes.DeviceRevoked);
        Assert.Equal(1, report.GetProperty("current").GetProperty("active_devices").GetInt32());
    }

    [Fact]
    public async Task Report_AsText_IsPlainTextWithEverySection()
    {
        var (token, _) = await SignInAFewTimesAsync();

        var response = await SendAsync($"/api/v1/me/activity-report?period=daily&end={Now}&format=text", token);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Portcullis activity report (daily)", text, StringComparison.Ordinal);
        Assert.Contains("  Successful: 2\n", text, StringComparison.Ordinal);
        Assert.Contains("  Failed attempts: 1\n    127.0.0.1        1 attempt,", text, StringComparison.Ordinal);
        Assert.Contains("Laptop (native), first seen from 127.0.0.1", text, StringComparison.Ordinal);
        Assert.Contains("TRADES\n------\n  none\n", text, StringComparison.Ordinal);
        Assert.Contains("API KEY USAGE\n-------------\n  none\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_WithoutEnd_CoversTheLastCompletedPeriod()
    {
        var (token, _) = await SignInAFewTimesAsync();

        var (status, report, _) = await _client.GetJsonAsync("/api/v1/me/activity-report?period=daily", token);

        // The gate's clock is Monday 2026-11-02 09:31: the last completed day ended at 00:00, before the sign-ins.
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), report.GetProperty("end").GetDateTimeOffset());
        Assert.Equal(0, report.GetProperty("sign_ins").GetProperty("succeeded").GetInt32());
    }

    [Theory]
    [InlineData("period=monthly", "report.invalid_period")]
    [InlineData("period=DAILY", "report.invalid_period")]
    [InlineData("period=daily&end=yesterday", "report.invalid_end")]
    [InlineData("period=daily&end=2099-01-01", "report.invalid_end")]
    [InlineData("period=daily&format=pdf", "report.invalid_format")]
    public async Task Report_BadQuery_Is400Problem(string query, string code)
    {
        await _gate.CreateUserAsync("alice");
        var token = (await _gate.SignInAsync(_client, "alice")).Token();

        var (status, problem, response) = await _client.GetJsonAsync($"/api/v1/me/activity-report?{query}", token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(code, problem.Code());
    }

    [Fact]
    public async Task Report_WithoutSession_Is401()
    {
        var (status, problem, _) = await _client.GetJsonAsync("/api/v1/me/activity-report");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("auth.required", problem.Code());
    }

    [Fact]
    public async Task Frequency_DefaultsToWeekly_AndChangingItIsAudited()
    {
        var alice = await _gate.CreateUserAsync("alice");
        var token = (await _gate.SignInAsync(_client, "alice")).Token();

        var (_, before, _) = await _client.GetJsonAsync("/api/v1/me/activity-report/frequency", token);
        var (status, after, _) = await _client.SendAsync(HttpMethod.Put, "/api/v1/me/activity-report/frequency", token, "{\"frequency\":\"daily\"}");
        var (_, read, _) = await _client.GetJsonAsync("/api/v1/me/activity-report/frequency", token);

        Assert.Equal("weekly", before.GetProperty("frequency").GetString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("daily", after.GetProperty("frequency").GetString());
        Assert.Equal("daily", read.GetProperty("frequency").GetString());
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var audit = await unit.Audit.ListForAsync(Actors.User(alice.Id), 50, CancellationToken.None);
        var changed = Assert.Single(audit, e => e.Type == AuditEventTypes.ReportFrequencyChanged);
        Assert.Contains("\"to\":\"daily\"", changed.Data, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"frequency\":\"monthly\"}")]
    [InlineData("{}")]
    public async Task Frequency_BadValue_Is400Problem(string body)
    {
        await _gate.CreateUserAsync("alice");
        var token = (await _gate.SignInAsync(_client, "alice")).Token();

        var (status, problem, _) = await _client.SendAsync(HttpMethod.Put, "/api/v1/me/activity-report/frequency", token, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(ReportErrors.InvalidFrequencyCode, problem.Code());
    }

    [Fact]
    public async Task Scheduler_PastAPeriodEnd_EmitsOneReportPerDueUser_AndNoneWhenRunAgain()
    {
        var alice = await _gate.CreateUserAsync("alice"); // weekly, the default
        var bob = await _gate.CreateUserAsync("bob");
        var carol = await _gate.CreateUserAsync("carol");
        await SetFrequencyAsync(bob, ReportFrequency.Daily);
        await SetFrequencyAsync(carol, ReportFrequency.Off);

        // Created on Monday 2026-11-02 09:30: the first whole week is 11-09..11-16.
        _gate.Time.Advance(new DateTimeOffset(2026, 11, 16, 0, 5, 0, TimeSpan.Zero) - _gate.Time.GetUtcNow());
        var first = await Scheduler.RunOnceAsync(CancellationToken.None);
        var second = await Scheduler.RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, first);
        Assert.Equal(0, second);
        var aliceReport = Assert.Single(await ReportsAsync(alice));
        var bobReport = Assert.Single(await ReportsAsync(bob));
        Assert.Empty(await ReportsAsync(carol));
        Assert.Equal(NotificationSeverity.Info, aliceReport.Severity);
        using (var data = JsonDocument.Parse(aliceReport.Data))
        {
            Assert.Equal("weekly", data.RootElement.GetProperty("period").GetString());
            Assert.Equal(new DateTimeOffset(2026, 11, 9, 0, 0, 0, TimeSpan.Zero), data.RootElement.GetProperty("start").GetDateTimeOffset());
            Assert.Equal(new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero), data.RootElement.GetProperty("end").GetDateTimeOffset());
            Assert.Contains("Portcullis activity report (weekly)", data.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, data.RootElement.GetProperty("sign_ins").GetInt32());
        }

        using (var data = JsonDocument.Parse(bobReport.Data))
        {
            Assert.Equal("daily", data.RootElement.GetProperty("period").GetString());
            Assert.Equal(new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero), data.RootElement.GetProperty("start").GetDateTimeOffset());
        }

        Assert.Equal(new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero), (await FindAsync(alice)).LastReportAt);
    }

    [Fact]
    public async Task Scheduler_NextDay_SendsOnlyTheDailyReport()
    {
        var alice = await _gate.CreateUserAsync("alice");
        var bob = await _gate.CreateUserAsync("bob");
        await SetFrequencyAsync(bob, ReportFrequency.Daily);
        _gate.Time.Advance(new DateTimeOffset(2026, 11, 16, 0, 5, 0, TimeSpan.Zero) - _gate.Time.GetUtcNow());
        Assert.Equal(2, await Scheduler.RunOnceAsync(CancellationToken.None));

        _gate.Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(1, await Scheduler.RunOnceAsync(CancellationToken.None));
        Assert.Single(await ReportsAsync(alice));
        Assert.Equal(2, (await ReportsAsync(bob)).Count);
    }

    [Fact]
    public async Task Scheduler_PeriodThatStartedBeforeTheUserExisted_IsNotReported()
    {
        var bob = await _gate.CreateUserAsync("bob"); // created 2026-11-02 09:30
        await SetFrequencyAsync(bob, ReportFrequency.Daily);

        _gate.Time.Advance(TimeSpan.FromDays(1)); // 11-03 09:30: the last whole day (11-02) started before bob existed

        Assert.Equal(0, await Scheduler.RunOnceAsync(CancellationToken.None));
        Assert.Empty(await ReportsAsync(bob));
    }

    [Fact]
    public async Task Scheduler_FrequencyOff_SendsNothing()
    {
        var alice = await _gate.CreateUserAsync("alice");
        await SetFrequencyAsync(alice, ReportFrequency.Off);

        _gate.Time.Advance(TimeSpan.FromDays(30));

        Assert.Equal(0, await Scheduler.RunOnceAsync(CancellationToken.None));
        Assert.Empty(await ReportsAsync(alice));
    }

    [Fact]
    public async Task Scheduler_ReportIncludesTheWeeksSignIns()
    {
        var alice = await _gate.CreateUserAsync("alice");
        _gate.Time.Advance(TimeSpan.FromDays(8)); // Tuesday 11-10
        await _client.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = "wrong-password-entirely" });
        await _gate.SignInAsync(_client, "alice");
        _gate.Time.Advance(new DateTimeOffset(2026, 11, 16, 0, 5, 0, TimeSpan.Zero) - _gate.Time.GetUtcNow());

        Assert.Equal(1, await Scheduler.RunOnceAsync(CancellationToken.None));

        using var data = JsonDocument.Parse(Assert.Single(await ReportsAsync(alice)).Data);
        Assert.Equal(1, data.RootElement.GetProperty("sign_ins").GetInt32());
        Assert.Equal(1, data.RootElement.GetProperty("failed_sign_ins").GetInt32());
        Assert.Equal(1, data.RootElement.GetProperty("new_devices").GetInt32());
        Assert.Contains("  Successful: 1\n", data.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await _client.SendAsync(request);
    }

    private async Task SetFrequencyAsync(User user, ReportFrequency frequency)
    {
        var result = await _gate.Services.GetRequiredService<ActivityReportService>().SetFrequencyAsync(user.Id, frequency, null, CancellationToken.None);
        Assert.True(result.IsSuccess);
    }

    private async Task<User> FindAsync(User user)
    {
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        return (await unit.Users.FindAsync(user.Id, CancellationToken.None))!;
    }

    private async Task<List<NotificationEvent>> ReportsAsync(User user)
    {
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        return (await unit.Notifications.ListForUserAsync(user.Id, 100, CancellationToken.None))
            .Where(e => e.Type == NotificationTypes.ActivityReport).ToList();
    }
}
