using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

/// <summary>The in-app feed: paging by time, unread filter and counts, marking read.</summary>
public sealed class NotificationFeedTests : IAsyncLifetime
{
    private TestGate _gate = null!;
    private HttpClient _client = null!;
    private string _token = null!;
    private Guid _alice;
    private Guid _mallory;

    public async Task InitializeAsync()
    {
        _gate = await TestGate.StartAsync(new Dictionary<string, string?>
        {
            ["SignIn:Network:FreeAttempts"] = "1000",
            ["Notifications:Dispatcher:Enabled"] = "false",
        });
        _alice = (await _gate.CreateUserAsync("alice")).Id;
        _mallory = (await _gate.CreateUserAsync("mallory")).Id;
        _client = _gate.CreateClient();
        // Signing in from a new device puts one security.new_device event in the feed, before the tests' own.
        _token = (await _gate.SignInAsync(_client, "alice")).Token();
        _gate.Time.Advance(TimeSpan.FromSeconds(1));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gate.DisposeAsync();
    }

    /// <summary>Emits events for <paramref name="userId"/> in one unit, all at the current time; returns their ids.</summary>
    private async Task<List<Guid>> EmitAsync(Guid userId, params string[] summaries)
    {
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        foreach (var summary in summaries)
        {
            Notify.Emit(unit, userId, NotificationTypes.TradeExecuted, NotificationSeverity.Info, summary,
                new Dictionary<string, object?> { ["label"] = summary, ["count"] = 3 }, _gate.Time.GetUtcNow());
        }

        await unit.CommitAsync(CancellationToken.None);
        var events = await unit.Notifications.ListForUserAsync(userId, 1000, CancellationToken.None);
        return events.Where(e => summaries.Contains(e.Summary)).Select(e => e.Id).ToList();
    }

    private async Task EmitOneAPerSecondAsync(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await EmitAsync(_alice, $"event {i}");
            _gate.Time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    private async Task<JsonElement> FeedAsync(string query = "")
    {
        var (status, body, _) = await _client.GetJsonAsync("/api/v1/me/notifications" + query, _token);
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    /// <summary>The summaries of the page's items, the sign-in's event shown as <c>sign-in</c>.</summary>
    private static string[] Summaries(JsonElement page) =>
        page.GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("type").GetString() == NotificationTypes.NewDevice ? "sign-in" : i.GetProperty("summary").GetString()!).ToArray();

    private static string Before(JsonElement page) => "&before=" + Uri.EscapeDataString(page.GetProperty("next_before").GetString()!);

    [Fact]
    public async Task TheFeed_ListsNewestFirst_WithTitlesAndData()
    {
        await EmitOneAPerSecondAsync(2);

        var page = await FeedAsync();

        Assert.Equal(["event 2", "event 1", "sign-in"], Summaries(page));
        var item = page.GetProperty("items")[0];
        Assert.Equal(NotificationTypes.TradeExecuted, item.GetProperty("type").GetString());
        Assert.Equal("A trade was executed", item.GetProperty("title").GetString());
        Assert.Equal("info", item.GetProperty("severity").GetString());
        Assert.Equal("critical", page.GetProperty("items")[2].GetProperty("severity").GetString());
        Assert.Equal("event 2", item.GetProperty("data").GetProperty("label").GetString());
        Assert.Equal(3, item.GetProperty("data").GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("read_at").ValueKind);
        Assert.True(item.TryGetProperty("created_at", out _));
        Assert.Equal(3, page.GetProperty("unread_count").GetInt32());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next_before").ValueKind);
    }

    [Fact]
    public async Task Paging_WithNextBefore_WalksTheWholeFeedOnce()
    {
        await EmitOneAPerSecondAsync(5);

        var first = await FeedAsync("?limit=2");
        var second = await FeedAsync("?limit=2" + Before(first));
        var third = await FeedAsync("?limit=2" + Before(second));

        Assert.Equal(["event 5", "event 4"], Summaries(first));
        Assert.Equal(["event 3", "event 2"], Summaries(second));
        Assert.Equal(["event 1", "sign-in"], Summaries(third));
        Assert.Equal(JsonValueKind.Null, third.GetProperty("next_before").ValueKind);
        Assert.Equal(6, third.GetProperty("unread_count").GetInt32());
    }

    [Fact]
    public async Task Paging_NeverSplitsEventsOfTheSameInstant()
    {
        await EmitAsync(_alice, "older");
        _gate.Time.Advance(TimeSpan.FromSeconds(1));
        await EmitAsync(_alice, "a", "b", "c");
        _gate.Time.Advance(TimeSpan.FromSeconds(1));
        await EmitAsync(_alice, "newest");

        var seen = new List<string>();
        var page = await FeedAsync("?limit=2");
        seen.AddRange(Summaries(page));
        while (page.GetProperty("next_before").ValueKind != JsonValueKind.Null)
        {
            page = await FeedAsync("?limit=2" + Before(page));
            seen.AddRange(Summaries(page));
        }

        Assert.Equal(["a", "b", "c", "newest", "older", "sign-in"], seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MarkingRead_SetsReadAt_UpdatesTheCount_AndTheUnreadFilter()
    {
        await EmitOneAPerSecondAsync(3);
        var ids = (await FeedAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

        var (status, read, _) = await _client.PostJsonAsync($"/api/v1/me/notifications/{ids[1]}/read", new { }, _token);
        var (again, _, _) = await _client.PostJsonAsync($"/api/v1/me/notifications/{ids[1]}/read", new { }, _token);
        var unread = await FeedAsync("?unread=true");
        var all = await FeedAsync();
        var (_, count, _) = await _client.GetJsonAsync("/api/v1/me/notifications/unread-count", _token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(_gate.Time.GetUtcNow(), read.GetProperty("read_at").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(["event 3", "event 1", "sign-in"], Summaries(unread));
        Assert.Equal(3, all.GetProperty("unread_count").GetInt32());
        Assert.Equal(JsonValueKind.String, all.GetProperty("items")[1].GetProperty("read_at").ValueKind);
        Assert.Equal(3, count.GetProperty("unread_count").GetInt32());
    }

    [Fact]
    public async Task MarkingRead_SomeoneElsesEvent_IsNotFound()
    {
        var theirs = (await EmitAsync(_mallory, "mallory's")).Single();

        var (status, body, _) = await _client.PostJsonAsync($"/api/v1/me/notifications/{theirs}/read", new { }, _token);
        var (unknown, unknownBody, _) = await _client.PostJsonAsync($"/api/v1/me/notifications/{Guid.NewGuid()}/read", new { }, _token);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("notification.not_found", body.Code());
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal("notification.not_found", unknownBody.Code());
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        Assert.Null((await unit.Notifications.FindAsync(_mallory, theirs, CancellationToken.None))!.ReadAt);
    }

    [Fact]
    public async Task MarkingAllRead_LeavesNothingUnread_AndOnlyForThisUser()
    {
        await EmitOneAPerSecondAsync(3);
        await EmitAsync(_mallory, "mallory's");

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/me/notifications/read-all", new { }, _token);
        var unread = await FeedAsync("?unread=true");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4, body.GetProperty("marked").GetInt32());
        Assert.Empty(Summaries(unread));
        Assert.Equal(0, unread.GetProperty("unread_count").GetInt32());
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        Assert.Equal(1, await unit.Notifications.CountUnreadAsync(_mallory, CancellationToken.None));
    }

    [Fact]
    public async Task RealActions_AppearInTheFeed()
    {
        var (status, _, _) = await _client.PostJsonAsync("/api/v1/me/notification-contacts", new { channel = "email", address = "alice@example.com" }, _token);

        var page = await FeedAsync();

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Contains(page.GetProperty("items").EnumerateArray(), i => i.GetProperty("type").GetString() == NotificationTypes.ContactAdded);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?before=yesterday", "before")]
    [InlineData("?unread=maybe", "unread")]
    public async Task BadQueries_AreBadRequests(string query, string field)
    {
        var (status, body, _) = await _client.GetJsonAsync("/api/v1/me/notifications" + query, _token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("request.invalid", body.Code());
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _));
    }
}
