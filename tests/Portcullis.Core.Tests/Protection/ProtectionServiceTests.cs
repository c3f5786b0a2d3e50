using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Policy;
using Portcullis.Core.Protection;

namespace Portcullis.Core.Tests.Protection;

public sealed class ProtectionServiceTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Freeze_ByOwner_IsInForceAtOnce()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();

        var result = await gate.Get<ProtectionService>().FreezeAsync(alice.Id, ["withdrawals", "api"], "travelling", FreezeSource.Owner,
            Actors.User(alice.Id), "198.51.100.7", Ct);

        Assert.True(result.IsSuccess);
        Assert.Equal(Capability.Withdrawals | Capability.Api, (await gate.LoadAsync(alice.Id)).Frozen);
        var audited = Assert.Single(await gate.AuditAsync(AuditEventTypes.FreezeSet));
        Assert.Equal(("owner", Actors.User(alice.Id)), (audited.Code, audited.Subject));
    }

    [Fact]
    public async Task Freeze_WithUnknownCapability_IsRefused()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();

        var result = await gate.Get<ProtectionService>().FreezeAsync(alice.Id, ["withdrawals", "margin"], null, FreezeSource.Owner, "test", null, Ct);

        Assert.Equal(ProtectionErrors.CapabilityInvalidCode, result.Error?.Code);
        Assert.Equal(Capability.None, (await gate.LoadAsync(alice.Id)).Frozen);
    }

    [Fact]
    public async Task Freeze_WithNoCapability_IsRefused()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();

        var result = await gate.Get<ProtectionService>().FreezeAsync(alice.Id, [], null, FreezeSource.Owner, "test", null, Ct);

        Assert.Equal(ProtectionErrors.CapabilityInvalidCode, result.Error?.Code);
    }

    [Fact]
    public async Task RequestLift_KeepsFreezeInForceUntilTheCooldownEnds()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var protection = gate.Get<ProtectionService>();
        var freeze = (await protection.FreezeAsync(alice.Id, ["all"], null, FreezeSource.Owner, "test", null, Ct)).Value;
        gate.Time.Advance(TimeSpan.FromHours(1));
        var requestedAt = gate.Time.GetUtcNow();

        var lift = await protection.RequestLiftAsync(alice.Id, freeze.Id, null, Ct);

        Assert.Equal(requestedAt + TimeSpan.FromHours(24), lift.Value.LiftEffectiveAt);
        gate.Time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.Equal(Capability.All, (await gate.LoadAsync(alice.Id)).Frozen);
        gate.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Capability.None, (await gate.LoadAsync(alice.Id)).Frozen);
        Assert.Equal("lifted", (await protection.ListFreezesAsync(alice.Id, Ct)).Single().StateAt(gate.Time.GetUtcNow()));
    }

    [Fact]
    public async Task ALiftWhoseCooldownEnded_IsRecordedAuditedAndAnnouncedOnce()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var protection = gate.Get<ProtectionService>();
        var freeze = (await protection.FreezeAsync(alice.Id, ["withdrawals"], null, FreezeSource.Owner, "test", null, Ct)).Value;
        var effective = (await protection.RequestLiftAsync(alice.Id, freeze.Id, null, Ct)).Value.LiftEffectiveAt;

        gate.Time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await protection.CompleteDueLiftsAsync(Ct));
        gate.Time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, await protection.CompleteDueLiftsAsync(Ct));
        Assert.Equal(0, await protection.CompleteDueLiftsAsync(Ct));

        var lifted = (await protection.ListFreezesAsync(alice.Id, Ct)).Single();
        Assert.Equal(effective, lifted.LiftedAt);
        Assert.Equal(Actors.User(alice.Id), lifted.LiftedBy);
        var audit = Assert.Single(await gate.AuditAsync(AuditEventTypes.FreezeLifted));
        Assert.Equal("cooldown_elapsed", audit.Code);
        await using var unit = await gate.Store.OpenAsync(Ct);
        var announced = (await unit.Notifications.ListForUserAsync(alice.Id, 50, Ct)).Where(e => e.Type == NotificationTypes.FreezeLifted).ToList();
        Assert.Single(announced);
        Assert.Equal(NotificationSeverity.Critical, announced[0].Severity);
    }

    [Fact]
    public async Task RequestLift_UsesTheConfiguredDelay()
    {
        await using var gate = await ProtectionFixture.StartAsync(new Dictionary<string, string?> { ["Protection:FreezeLiftDelay"] = "02:00:00" });
        var alice = await gate.CreateUserAsync();
        var protection = gate.Get<ProtectionService>();
        var freeze = (await protection.FreezeAsync(alice.Id, ["trading"], null, FreezeSource.Owner, "test", null, Ct)).Value;

        await protection.RequestLiftAsync(alice.Id, freeze.Id, null, Ct);

        gate.Time.Advance(TimeSpan.FromMinutes(119));
        Assert.Equal(Capability.Trading, (await gate.LoadAsync(alice.Id)).Frozen);
        gate.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(Capability.None, (await gate.LoadAsync(alice.Id)).Frozen);
    }

    [Fact]
    public async Task RequestLift_Again_DoesNotMoveTheEffectiveTime_ButIsAuditedEachTime()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var protection = gate.Get<ProtectionService>();
        var freeze = (await protection.FreezeAsync(alice.Id, ["withdrawals"], null, FreezeSource.Owner, "test", null, Ct)).Value;
        var first = (await protection.RequestLiftAsync(alice.Id, freeze.Id, null, Ct)).Value.LiftEffectiveAt;
        gate.Time.Advance(TimeSpan.FromHours(5));

        var second = (await protection.RequestLiftAsync(alice.Id, freeze.Id, null, Ct)).Value.LiftEffectiveAt;

        Assert.Equal(first, second);
        Assert.Equal(["ok", "already_pending"], (await gate.AuditAsync(AuditEventTypes.FreezeLiftRequested)).Select(e => e.Code));
    }

    [Fact]
    public async Task RequestLift_OfAnotherUsersFreeze_IsNotFound()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var mallory = await gate.CreateUserAsync("mallory");
        var protection = gate.Get<ProtectionService>();
        var freeze = (await protection.FreezeAsync(alice.Id, ["withdrawals"], null, FreezeSource.Owner, "test", null, Ct)).Value;

        var result = await protection.RequestLiftAsync(mallory.Id, freeze.Id, null, Ct);

        Assert.Equal(ProtectionErrors.FreezeNotFoundCode, result.Error?.Code);
        Assert.Null((await protection.ListFreezesAsync(alice.Id, Ct)).Single().LiftEffectiveAt);
    }

    [Fact]
    public async Task OperatorLift_LiftsAtOnce_AndCannotBeRepeated()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var protection = gate.Get<ProtectionService>();
        var freeze = (await protection.FreezeAsync(alice.Id, ["withdrawals"], null, FreezeSource.Operator, Actors.Cli, null, Ct)).Value;

        var lifted = await protection.LiftNowAsync(alice.Id, freeze.Id, Actors.Cli, null, Ct);
        var again = await protection.LiftNowAsync(alice.Id, freeze.Id, Actors.Cli, null, Ct);

        Assert.True(lifted.IsSuccess);
        Assert.Equal(Capability.None, (await gate.LoadAsync(alice.Id)).Frozen);
        Assert.Equal(ProtectionErrors.FreezeLiftedCode, again.Error?.Code);
    }

    [Fact]
    public async Task Freezes_Combine_AndLiftingOneKeepsTheOther()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var protection = gate.Get<ProtectionService>();
        var trading = (await protection.FreezeAsync(alice.Id, ["trading"], null, FreezeSource.Owner, "test", null, Ct)).Value;
        await protection.FreezeAsync(alice.Id, ["withdrawals"], null, FreezeSource.Owner, "test", null, Ct);
        Assert.Equal(Capability.Trading | Capability.Withdrawals, (await gate.LoadAsync(alice.Id)).Frozen);

        await protection.LiftNowAsync(alice.Id, trading.Id, Actors.Cli, null, Ct);

        Assert.Equal(Capability.Withdrawals, (await gate.LoadAsync(alice.Id)).Frozen);
    }

    [Theory]
    [InlineData(CooldownReasons.PasswordChanged, 24)]
    [InlineData(CooldownReasons.FactorAdded, 24)]
    [InlineData(CooldownReasons.FactorRemoved, 24)]
    [InlineData(CooldownReasons.DeviceTrusted, 24)]
    [InlineData(CooldownReasons.Recovery, 72)]
    public async Task Cooldown_LastsItsConfiguredTime(string reason, int hours)
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var start = gate.Time.GetUtcNow();
        await gate.StageAsync(u => Cooldowns.Start(u, alice.Id, reason, null, start));

        Assert.Equal(start + TimeSpan.FromHours(hours), (await gate.LoadAsync(alice.Id)).CooldownUntil);
        gate.Time.Advance(TimeSpan.FromHours(hours) - TimeSpan.FromSeconds(1));
        Assert.NotNull((await gate.LoadAsync(alice.Id)).CooldownUntil);
        gate.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null((await gate.LoadAsync(alice.Id)).CooldownUntil);
    }

    [Fact]
    public async Task Cooldown_LatestEndWins_ALaterShortOneDoesNotShortenRecovery()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var start = gate.Time.GetUtcNow();
        await gate.StageAsync(u => Cooldowns.Start(u, alice.Id, CooldownReasons.Recovery, null, start));
        gate.Time.Advance(TimeSpan.FromHours(10));
        await gate.StageAsync(u => Cooldowns.Start(u, alice.Id, CooldownReasons.FactorAdded, null, gate.Time.GetUtcNow()));

        Assert.Equal(start + TimeSpan.FromHours(72), (await gate.LoadAsync(alice.Id)).CooldownUntil);
    }

    [Fact]
    public async Task Cooldown_FromPasswordChange_IsRecordedByTheUserService()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var now = gate.Time.GetUtcNow();

        var reset = await gate.Get<Core.Users.UserService>().ResetPasswordAsync("alice", Actors.Cli, Ct);

        Assert.True(reset.IsSuccess);
        Assert.Equal(now + TimeSpan.FromHours(24), (await gate.LoadAsync(alice.Id)).CooldownUntil);
    }

    [Fact]
    public async Task Cooldown_UsesTheConfiguredDurations()
    {
        await using var gate = await ProtectionFixture.StartAsync(new Dictionary<string, string?>
        {
            ["Protection:SecurityChangeCooldown"] = "12:00:00",
            ["Protection:RecoveryCooldown"] = "4.00:00:00",
        });
        var alice = await gate.CreateUserAsync();
        var start = gate.Time.GetUtcNow();
        await gate.StageAsync(u => Cooldowns.Start(u, alice.Id, CooldownReasons.PasswordChanged, null, start));
        Assert.Equal(start + TimeSpan.FromHours(12), (await gate.LoadAsync(alice.Id)).CooldownUntil);

        await gate.StageAsync(u => Cooldowns.Start(u, alice.Id, CooldownReasons.Recovery, null, start));
        Assert.Equal(start + TimeSpan.FromDays(4), (await gate.LoadAsync(alice.Id)).CooldownUntil);
    }

    [Fact]
    public async Task Load_ForAUserWithNothing_IsNone()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();

        var state = await gate.LoadAsync(alice.Id);

        Assert.Equal((Capability.None, false, (DateTimeOffset?)null, 0), (state.Frozen, state.SettingsLocked, state.CooldownUntil, state.TrustedNetworks.Count));
    }
}
