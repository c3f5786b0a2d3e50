using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Secrets;
using Portcullis.Core.Sessions;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

public sealed class FreezeLinkTests : IAsyncLifetime
{
    private TestGate _gate = null!;
    private HttpClient _client = null!;
    private Guid _userId;

    public async Task InitializeAsync()
    {
        _gate = await TestGate.StartAsync(new Dictionary<string, string?> { ["SignIn:Network:FreeAttempts"] = "1000" });
        _userId = (await _gate.CreateUserAsync("alice")).Id;
        _client = _gate.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gate.DisposeAsync();
    }

    [Fact]
    public async Task Get_ShowsTheButtonAndChangesNothing()
    {
        var session = (await _gate.SignInAsync(_client, "alice")).Token();
        var (path, _) = await CreateLinkAsync();

        var page = await _client.GetAsync(path);
        await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\">", html, StringComparison.Ordinal);
        Assert.Contains("Freeze my account", html, StringComparison.Ordinal);
        Assert.DoesNotContain("pcz_", html, StringComparison.Ordinal);
        Assert.Equal("DENY", Header(page, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(page, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(page, "Referrer-Policy"));
        Assert.Contains("default-src 'none'", Header(page, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Contains("style-src 'sha256-", Header(page, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", Header(page, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("no-store", Header(page, "Cache-Control"));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetJsonAsync("/api/v1/me", session)).Status);
        Assert.Empty(await AuditAsync(AuditEventTypes.FreezeRequested));
    }

    [Fact]
    public async Task Post_SignsOutEverywhereAuditsAndNotifies_Once()
    {
        var laptop = (await _gate.SignInAsync(_client, "alice")).Token();
        var phone = (await _gate.SignInAsync(_client, "alice")).Token();
        var (path, link) = await CreateLinkAsync();

        var answer = await _client.PostAsync(path, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Contains("signed out everywhere", html, StringComparison.Ordinal);
        Assert.Contains("2 active session(s) ended.", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetJsonAsync("/api/v1/me", laptop)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetJsonAsync("/api/v1/me", phone)).Status);

        var audit = Assert.Single(await AuditAsync(AuditEventTypes.FreezeRequested));
        Assert.Equal("ok", audit.Code);
        Assert.Equal($"freeze_link:{link.Id:D}", audit.Actor);
        Assert.Equal(Actors.User(_userId), audit.Subject);
        Assert.Equal("127.0.0.1", audit.Ip);
        Assert.Equal(2, (await AuditAsync(AuditEventTypes.SessionRevoked)).Count(e => e.Code == FreezeLinkService.RevokeReason));

        await using (var unit = await Store.OpenAsync(CancellationToken.None))
        {
            var events = await unit.Notifications.ListForUserAsync(_userId, 50, CancellationToken.None);
            var requested = Assert.Single(events, e => e.Type == NotificationTypes.FreezeRequested);
            Assert.Equal(NotificationSeverity.Critical, requested.Severity);
            Assert.Contains("signed out everywhere", requested.Summary, StringComparison.Ordinal);
            Assert.Contains("trading, withdrawals and API use are frozen", requested.Summary, StringComparison.Ordinal);
            var used = await unit.NotificationSettings.FindFreezeLinkAsync(link.TokenHash, CancellationToken.None);
            Assert.Equal(_gate.Time.GetUtcNow(), used!.UsedAt);
            Assert.Equal("127.0.0.1", used.UsedFromIp);
        }

        var (status, problem, again) = await SendJsonAsync(HttpMethod.Post, path);
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Equal(FreezeLinkErrors.InvalidCode, problem.Code());
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Single(await AuditAsync(AuditEventTypes.FreezeRequested));
        Assert.Equal(HttpStatusCode.Gone, (await _client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Post_WithAcceptJson_AnswersJson()
    {
        await _gate.SignInAsync(_client, "alice");
        var (path, _) = await CreateLinkAsync();

        var (peekStatus, peek, _) = await SendJsonAsync(HttpMethod.Get, path);
        var (status, body, _) = await SendJsonAsync(HttpMethod.Post, path);

        Assert.Equal(HttpStatusCode.OK, peekStatus);
        Assert.True(peek.GetProperty("usable").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("freeze_requested").GetBoolean());
        Assert.Equal(1, body.GetProperty("sessions_revoked").GetInt32());
    }

    [Fact]
    public async Task ExpiredLink_IsGone()
    {
        await _gate.SignInAsync(_client, "alice");
        var (path, _) = await CreateLinkAsync(TimeSpan.FromDays(7));
        _gate.Time.Advance(TimeSpan.FromDays(7));

        var page = await _client.GetAsync(path);
        var (status, problem, _) = await SendJsonAsync(HttpMethod.Post, path);
        var post = await _client.PostAsync(path, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("This link cannot be used", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Equal(FreezeLinkErrors.InvalidCode, problem.Code());
        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
        Assert.Equal("text/html", post.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await AuditAsync(AuditEventTypes.FreezeRequested));

        // The session has meanwhile timed out on its own; what matters is that the link revoked nothing.
        await using var unit = await Store.OpenAsync(CancellationToken.None);
        Assert.Single(await unit.Sessions.ListActiveAsync(_userId, DateTimeOffset.MinValue, CancellationToken.None));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("pcz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("pcs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("pcz_%ff%3Cscript%3E%20%22")]
    [InlineData("%E2%80%AE%F0%9F%92%A9")]
    public async Task GarbageToken_IsGoneNeverAServerError(string token)
    {
        var path = FreezeLinks.PathPrefix + token;

        var page = await _client.GetAsync(path);
        var post = await _client.PostAsync(path, new FormUrlEncodedContent([]));
        var (status, problem, _) = await SendJsonAsync(HttpMethod.Post, path);

        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Equal(FreezeLinkErrors.InvalidCode, problem.Code());
        Assert.DoesNotContain("<script>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VeryLongToken_IsGoneNeverAServerError()
    {
        var path = FreezeLinks.PathPrefix + "pcz_" + new string('A', 4000);

        Assert.Equal(HttpStatusCode.Gone, (await _client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await _client.PostAsync(path, new FormUrlEncodedContent([]))).StatusCode);
    }

    [Fact]
    public async Task Logs_NeverContainTheToken()
    {
        await _gate.SignInAsync(_client, "alice");
        var (path, _) = await CreateLinkAsync();
        var token = path[FreezeLinks.PathPrefix.Length..];

        await _client.GetAsync(path);
        await _client.GetAsync(path.ToUpperInvariant());
        await _client.PostAsync(path, new FormUrlEncodedContent([]));
        await _client.PostAsync(path, new FormUrlEncodedContent([]));
        await _client.GetAsync("/x" + path);

        var logs = _gate.Logs.All;
        Assert.Contains("/wasnt-me/…", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(token, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(token[4..], logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("pcz_", logs, StringComparison.OrdinalIgnoreCase);
    }

    private IGateStore Store => _gate.Services.GetRequiredService<IGateStore>();

    /// <summary>A link as the dispatcher makes it: for an event of alice's, in a unit; returns its path and row.</summary>
    private async Task<(string Path, FreezeLink Link)> CreateLinkAsync(TimeSpan? lifetime = null)
    {
        var protector = _gate.Services.GetRequiredService<ISecretProtector>();
        var now = _gate.Time.GetUtcNow();
        var notification = new NotificationEvent
        {
            Id = Guid.CreateVersion7(now),
            UserId = _userId,
            Type = NotificationTypes.NewDevice,
            Severity = NotificationSeverity.Critical,
            Summary = "A new device signed in.",
            Data = "{}",
            CreatedAt = now,
        };
        FreezeLink link;
        await using (var unit = await Store.OpenAsync(CancellationToken.None))
        {
            unit.Notifications.Emit(notification);
            link = FreezeLinks.Create(unit, protector, notification, lifetime ?? TimeSpan.FromDays(7), now);
            await unit.CommitAsync(CancellationToken.None);
        }

        var url = FreezeLinks.Url(link, protector, _gate.BaseAddress)!;
        Assert.True(SessionToken.HasShape(url.AbsolutePath[FreezeLinks.PathPrefix.Length..], SessionToken.FreezeLinkPrefix));
        return (url.AbsolutePath, link);
    }

    private async Task<IReadOnlyList<AuditEvent>> AuditAsync(string type) =>
        (await _gate.ReadAuditAsync()).Where(e => e.Type == type).ToList();

    private async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body, HttpResponseMessage Response)> SendJsonAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, System.Text.Json.JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : string.Empty;
}
