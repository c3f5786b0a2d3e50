using Portcullis.Core.Audit;
using Portcullis.Core.Protection;

namespace Portcullis.Core.Tests.Protection;

public sealed class SettingsLockServiceTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Enable_LocksSettingsAtOnce()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();

        var result = await gate.Get<SettingsLockService>().EnableAsync(alice.Id, 7, null, Ct);

        Assert.True(result.IsSuccess);
        Assert.True((await gate.LoadAsync(alice.Id)).SettingsLocked);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(-1)]
    public async Task Enable_WithDelayOutside1To30Days_IsRefused(int? days)
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();

        var result = await gate.Get<SettingsLockService>().EnableAsync(alice.Id, days, null, Ct);

        Assert.Equal(ProtectionErrors.UnlockDelayInvalidCode, result.Error?.Code);
        Assert.False((await gate.LoadAsync(alice.Id)).SettingsLocked);
    }

    [Fact]
    public async Task Unlock_TakesEffectAfterTheChosenDelay()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var locks = gate.Get<SettingsLockService>();
        await locks.EnableAsync(alice.Id, 3, null, Ct);

        var request = await locks.RequestUnlockAsync(alice.Id, null, Ct);

        Assert.Equal(gate.Time.GetUtcNow() + TimeSpan.FromDays(3), request.Value.UnlockEffectiveAt);
        gate.Time.Advance(TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1));
        Assert.True((await gate.LoadAsync(alice.Id)).SettingsLocked);
        gate.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.False((await gate.LoadAsync(alice.Id)).SettingsLocked);
    }

    [Fact]
    public async Task Unlock_EveryAttemptIsAudited_AndTheTimeDoesNotMove()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var locks = gate.Get<SettingsLockService>();
        await locks.EnableAsync(alice.Id, 3, null, Ct);
        var first = (await locks.RequestUnlockAsync(alice.Id, null, Ct)).Value.UnlockEffectiveAt;
        gate.Time.Advance(TimeSpan.FromDays(1));

        var second = (await locks.RequestUnlockAsync(alice.Id, null, Ct)).Value.UnlockEffectiveAt;

        Assert.Equal(first, second);
        Assert.Equal(["ok", "already_pending"], (await gate.AuditAsync(AuditEventTypes.SettingsLockUnlockRequested)).Select(e => e.Code));
    }

    [Fact]
    public async Task CancelUnlock_KeepsTheLockOn()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var locks = gate.Get<SettingsLockService>();
        await locks.EnableAsync(alice.Id, 1, null, Ct);
        await locks.RequestUnlockAsync(alice.Id, null, Ct);

        var cancelled = await locks.CancelUnlockAsync(alice.Id, null, Ct);
        gate.Time.Advance(TimeSpan.FromDays(2));

        Assert.True(cancelled.IsSuccess);
        Assert.True((await gate.LoadAsync(alice.Id)).SettingsLocked);
        Assert.Equal(ProtectionErrors.UnlockNotRequestedCode, (await locks.CancelUnlockAsync(alice.Id, null, Ct)).Error?.Code);
    }

    [Fact]
    public async Task Enable_WhileOn_CannotShortenTheDelay_ButCanLengthenIt()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var locks = gate.Get<SettingsLockService>();
        await locks.EnableAsync(alice.Id, 10, null, Ct);

        var shorter = await locks.EnableAsync(alice.Id, 1, null, Ct);
        var longer = await locks.EnableAsync(alice.Id, 20, null, Ct);

        Assert.Equal(ProtectionErrors.UnlockDelayShorterCode, shorter.Error?.Code);
        Assert.Equal(20, longer.Value.UnlockDelayDays);
    }

    [Fact]
    public async Task Enable_AfterTheLockWentOff_StartsAfreshWithAnyDelay()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var locks = gate.Get<SettingsLockService>();
        await locks.EnableAsync(alice.Id, 5, null, Ct);
        await locks.RequestUnlockAsync(alice.Id, null, Ct);
        gate.Time.Advance(TimeSpan.FromDays(5));
        Assert.False((await gate.LoadAsync(alice.Id)).SettingsLocked);

        var again = await locks.EnableAsync(alice.Id, 1, null, Ct);

        Assert.Equal((1, (DateTimeOffset?)null), (again.Value.UnlockDelayDays, again.Value.UnlockEffectiveAt));
        Assert.True((await gate.LoadAsync(alice.Id)).SettingsLocked);
    }

    [Fact]
    public async Task Unlock_WhenOff_IsRefused()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();

        var result = await gate.Get<SettingsLockService>().RequestUnlockAsync(alice.Id, null, Ct);

        Assert.Equal(ProtectionErrors.SettingsLockOffCode, result.Error?.Code);
    }
}
