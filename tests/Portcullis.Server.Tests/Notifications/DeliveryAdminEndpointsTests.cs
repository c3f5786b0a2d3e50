using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Users;
using Portcullis.Server.Notifications;
using Portcullis.Testing;

namespace Portcullis.Server.Tests.Notifications;

/// <summary>Operators see dead letters over the API and put them back; account holders cannot.</summary>
public sealed class DeliveryAdminEndpointsTests : IAsyncLifetime
{
    private readonly ScriptedSmsGateway _sms = new();
    private TestGate _gate = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _gate = await NotificationDispatcherTests.StartAsync(_sms);
        var alice = await _gate.CreateUserAsync("alice");
        await _gate.CreateUserAsync("olga", role: UserRole.Operator);
        await NotificationDispatcherTests.AddSmsContactAsync(_gate, alice.Id, "+15555550101");
        _client = _gate.CreateClient();
        _sms.FailNext(100);
        await _gate.SignInAsync(_client, "alice");
        var dispatcher = _gate.Services.GetRequiredService<NotificationDispatcher>();
        for (var i = 0; i < 4; i++)
        {
            await dispatcher.RunOnceAsync(CancellationToken.None);
            _gate.Time.Advance(TimeSpan.FromMinutes(5));
        }
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gate.DisposeAsync();
    }

    [Fact]
    public async Task AnOperator_SeesTheDeadLetter_AndRetriesIt()
    {
        var olga = await _gate.SignInWithTotpAsync(_client, "olga");

        var (status, body, _) = await _client.GetJsonAsync("/api/v1/admin/notification-deliveries?state=dead&user=alice", olga);

        Assert.Equal(HttpStatusCode.OK, status);
        var dead = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal("sms", dead.GetProperty("channel").GetString());
        Assert.Equal("sms.gateway_503", dead.GetProperty("last_error").GetString());
        var id = dead.GetProperty("id").GetGuid();

        _sms.FailNext(0);
        var (retried, retryBody, _) = await _client.PostJsonAsync($"/api/v1/admin/notification-deliveries/{id}/retry", new { }, olga);
        Assert.Equal(HttpStatusCode.OK, retried);
        Assert.Equal("pending", retryBody.GetProperty("state").GetString());
        await _gate.Services.GetRequiredService<NotificationDispatcher>().RunOnceAsync(CancellationToken.None);
        Assert.Single(_sms.Accepted);

        var (again, againBody, _) = await _client.PostJsonAsync($"/api/v1/admin/notification-deliveries/{id}/retry", new { }, olga);
        Assert.Equal((HttpStatusCode.Conflict, "notification.delivery_not_dead"), (again, againBody.Code()));
    }

    [Fact]
    public async Task AnAccountHolder_IsRefused()
    {
        var alice = (await _gate.SignInAsync(_client, "alice")).Token();

        var (status, body, _) = await _client.GetJsonAsync("/api/v1/admin/notification-deliveries", alice);

        Assert.Equal((HttpStatusCode.Forbidden, "notification.operator_only"), (status, body.Code()));
    }

    [Fact]
    public async Task BadInput_GetsAProblem()
    {
        var olga = await _gate.SignInWithTotpAsync(_client, "olga");

        var (state, stateBody, _) = await _client.GetJsonAsync("/api/v1/admin/notification-deliveries?state=lost", olga);
        var (missing, missingBody, _) = await _client.PostJsonAsync($"/api/v1/admin/notification-deliveries/{Guid.NewGuid()}/retry", new { }, olga);

        Assert.Equal((HttpStatusCode.BadRequest, "notification.delivery_state_invalid"), (state, stateBody.Code()));
        Assert.Equal((HttpStatusCode.NotFound, "notification.delivery_not_found"), (missing, missingBody.Code()));
    }
}
