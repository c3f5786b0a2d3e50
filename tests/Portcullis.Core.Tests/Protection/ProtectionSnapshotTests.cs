using System.Net;
using Portcullis.Core.Policy;
using Portcullis.Core.Protection;

namespace Portcullis.Core.Tests.Protection;

/// <summary>A snapshot of the protection rows answers for later moments as the rows would (what the node's cache relies on).</summary>
public sealed class ProtectionSnapshotTests
{
    private static readonly DateTimeOffset Read = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void PendingLiftsAndUnlocks_TakeEffectAtTheirTime_AndCooldownsEnd()
    {
        var snapshot = new ProtectionSnapshot(
            Read,
            [(Capability.Withdrawals, null), (Capability.Trading, Read.AddHours(24))],
            HasSettingsLock: true,
            UnlockEffectiveAt: Read.AddDays(7),
            LatestCooldownEnd: Read.AddHours(72),
            [IPNetwork.Parse("192.0.2.0/24")]);

        var now = snapshot.At(Read);
        Assert.Equal((Capability.Withdrawals | Capability.Trading, true, Read.AddHours(72)), (now.Frozen, now.SettingsLocked, now.CooldownUntil));
        Assert.True(now.IsTrusted(IPAddress.Parse("192.0.2.7")));

        var dayLater = snapshot.At(Read.AddHours(24));
        Assert.Equal((Capability.Withdrawals, true, Read.AddHours(72)), (dayLater.Frozen, dayLater.SettingsLocked, dayLater.CooldownUntil));

        var weekLater = snapshot.At(Read.AddDays(7));
        Assert.Equal((Capability.Withdrawals, false, (DateTimeOffset?)null), (weekLater.Frozen, weekLater.SettingsLocked, weekLater.CooldownUntil));
    }

    [Fact]
    public void NoLockAndNoRows_ProtectNothing_AndAnEarlierMomentIsRefused()
    {
        var snapshot = new ProtectionSnapshot(Read, [], HasSettingsLock: false, UnlockEffectiveAt: null, LatestCooldownEnd: null, []);

        var now = snapshot.At(Read.AddMinutes(1));

        Assert.Equal((Capability.None, false, (DateTimeOffset?)null, (bool?)null), (now.Frozen, now.SettingsLocked, now.CooldownUntil, now.IsTrusted(IPAddress.Loopback)));
        Assert.Throws<ArgumentOutOfRangeException>(() => snapshot.At(Read.AddTicks(-1)));
    }
}
