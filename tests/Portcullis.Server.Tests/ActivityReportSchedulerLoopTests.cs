using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

/// <summary>The scheduler's background loop, as it runs in <c>serve</c>: enabled, waking every check interval.</summary>
public sealed class ActivityReportSchedulerLoopTests
{
    [Fact]
    public async Task Loop_Enabled_EmitsTheDueReportWhenTimePasses()
    {
        await using var gate = await TestGate.StartAsync(new Dictionary<string, string?>
        {
            ["Notifications:Reports:Enabled"] = "true",
            ["Notifications:Reports:CheckInterval"] = "00:10:00",
        });
        var alice = await gate.CreateUserAsync("alice");
        gate.Time.Advance(new DateTimeOffset(2026, 11, 16, 0, 5, 0, TimeSpan.Zero) - gate.Time.GetUtcNow());

        // Each step moves the fake clock past the loop's next wake-up; the loop may be anywhere in its cycle.
        var reports = 0;
        for (var i = 0; i < 100 && reports == 0; i++)
        {
            gate.Time.Advance(TimeSpan.FromMinutes(10));
            await Task.Delay(50);
            reports = await CountAsync(gate, alice.Id);
        }

        Assert.Equal(1, reports);
    }

    [Fact]
    public async Task Loop_Disabled_EmitsNothing_ButAPassCanStillBeRun()
    {
        await using var gate = await TestGate.StartAsync(new Dictionary<string, string?> { ["Notifications:Reports:Enabled"] = "false" });
        var alice = await gate.CreateUserAsync("alice");
        gate.Time.Advance(new DateTimeOffset(2026, 11, 16, 0, 5, 0, TimeSpan.Zero) - gate.Time.GetUtcNow());
        for (var i = 0; i < 5; i++)
        {
            gate.Time.Advance(TimeSpan.FromMinutes(10));
            await Task.Delay(50);
        }

        Assert.Equal(0, await CountAsync(gate, alice.Id));
        Assert.Equal(1, await gate.Services.GetRequiredService<Reports.ActivityReportScheduler>().RunOnceAsync(CancellationToken.None));
    }

    private static async Task<int> CountAsync(TestGate gate, Guid userId)
    {
        await using var unit = await gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        return (await unit.Notifications.ListForUserAsync(userId, 100, CancellationToken.None)).Count(e => e.Type == NotificationTypes.ActivityReport);
    }
}
