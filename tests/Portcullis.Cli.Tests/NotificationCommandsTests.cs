using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Users;

namespace Portcullis.Cli.Tests;

/// <summary><c>portcullis notifications deliveries|retry</c>: operators see dead letters and send them again.</summary>
public sealed class NotificationCommandsTests : IAsyncLifetime
{
    private CliStore _store = null!;
    private Guid _dead;

    public async Task InitializeAsync()
    {
        _store = await CliStore.InitialisedAsync();
        Assert.Equal(ExitCodes.Ok, (await _store.RunAsync("user", "add", "alice")).ExitCode);
        await using var gate = await StoreGate.StartAsync(_store, new Dictionary<string, string?> { ["Notifications:Dispatcher:Enabled"] = "false" });
        await using var unit = await gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var alice = (await unit.Users.FindByUsernameAsync(Username.Normalize("alice"), CancellationToken.None))!;
        var now = TimeProvider.System.GetUtcNow();
        var notification = new NotificationEvent
        {
            Id = Guid.CreateVersion7(now),
            UserId = alice.Id,
            Type = NotificationTypes.NewDevice,
            Severity = NotificationSeverity.Critical,
            Summary = "New sign-in from a new device.",
            Data = "{}",
            CreatedAt = now,
            FannedOutAt = now,
        };
        unit.Notifications.Emit(notification);
        _dead = Guid.CreateVersion7(now);
        unit.Outbox.Add(new NotificationDelivery
        {
            Id = _dead,
            EventId = notification.Id,
            UserId = alice.Id,
            Channel = NotificationChannel.Email,
            TargetId = Guid.NewGuid(),
            TargetDisplay = "alice@example.com",
            State = DeliveryState.Dead,
            Attempts = 8,
            NextAttemptAt = now,
            CreatedAt = now,
            DeadAt = now,
            LastError = "smtp.unavailable: connection refused",
        });
        await unit.CommitAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Deliveries_Dead_ListsTheDeadLetterWithItsError()
    {
        var result = await _store.RunAsync("notifications", "deliveries", "--state", "dead", "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var line = JsonDocument.Parse(Assert.Single(result.OutLines)).RootElement;
        Assert.Equal(_dead, line.GetProperty("id").GetGuid());
        Assert.Equal("dead", line.GetProperty("state").GetString());
        Assert.Equal("smtp.unavailable: connection refused", line.GetProperty("last_error").GetString());
    }

    [Fact]
    public async Task Deliveries_Table_CountsThem()
    {
        var result = await _store.RunAsync("notifications", "deliveries", "--user", "alice");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("dead", result.Out, StringComparison.Ordinal);
        Assert.Contains("1 delivery.", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_PutsItBackInTheOutbox_AndAuditsIt()
    {
        var result = await _store.RunAsync("notifications", "retry", _dead.ToString());

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("pending again", result.Out, StringComparison.Ordinal);
        var pending = await _store.RunAsync("notifications", "deliveries", "--state", "pending", "--json");
        Assert.Equal(_dead, JsonDocument.Parse(Assert.Single(pending.OutLines)).RootElement.GetProperty("id").GetGuid());
        var again = await _store.RunAsync("notifications", "retry", _dead.ToString());
        Assert.Equal(ExitCodes.Failed, again.ExitCode);
        Assert.Contains("Only a dead-lettered delivery", again.Error, StringComparison.Ordinal);
        var audit = await _store.RunAsync("audit", "export");
        Assert.Contains(AuditEventTypes.NotificationRetried, audit.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notifications", "retry", "not-a-guid")]
    [InlineData("notifications", "deliveries", "--state", "lost")]
    [InlineData("notifications", "deliveries", "--limit", "0")]
    public async Task BadArguments_ExitTwoWithOneLine(params string[] args)
    {
        var result = await _store.RunAsync(args);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.NotEmpty(result.ErrorLines);
    }

    [Fact]
    public async Task Deliveries_UnknownUser_Fails()
    {
        var result = await _store.RunAsync("notifications", "deliveries", "--user", "nobody");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Equal("portcullis: no user 'nobody'.", Assert.Single(result.ErrorLines));
    }
}
