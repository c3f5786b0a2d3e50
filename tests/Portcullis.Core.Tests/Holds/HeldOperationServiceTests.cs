using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;
using Portcullis.Core.Devices;
using Portcullis.Core.Factors;
using Portcullis.Core.Factors.Push;
using Portcullis.Core.Holds;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Policy;
using Portcullis.Testing;

namespace Portcullis.Core.Tests.Holds;

/// <summary>
/// <see cref="HeldOperationService"/> with the gate's real store and authenticator service: an operation an API key
/// started (no person present) is held, and the authenticator's answer decides it.
/// </summary>
public sealed class HeldOperationServiceTests : IAsyncLifetime
{
    private const string Address = "alice.bot-alerts@example.com";
    private static readonly Decision Held = new(DecisionKind.Hold, PolicyReasons.ApprovalRequired, "money-and-keys", "critical");

    private readonly Key _deviceKey = Key.Create(SignatureAlgorithm.Ed25519);
    private TestGate _gate = null!;
    private Guid _alice;
    private AuthenticatedDevice _device = null!;

    private HeldOperationService Holds => _gate.Services.GetRequiredService<HeldOperationService>();

    private AuthenticatorService Authenticators => _gate.Services.GetRequiredService<AuthenticatorService>();

    public async Task InitializeAsync()
    {
        _gate = await TestGate.StartAsync();
        _alice = (await _gate.CreateUserAsync("alice")).Id;
        _device = await AddAuthenticatorAsync("Phone");
    }

    public async Task DisposeAsync()
    {
        await _gate.DisposeAsync();
        _deviceKey.Dispose();
    }

    /// <summary>A trusted authenticator device of alice's with an active push factor, written to the store directly.</summary>
    private async Task<AuthenticatedDevice> AddAuthenticatorAsync(string name)
    {
        var now = _gate.Time.GetUtcNow();
        var device = new Device
        {
            Id = Guid.CreateVersion7(now),
            UserId = _alice,
            Name = name,
            Kind = DeviceKind.Authenticator,
            FirstSeenAt = now,
            LastSeenAt = now,
            Trust = DeviceTrust.Trusted,
        };
        var factor = new Factor
        {
            Id = Guid.CreateVersion7(now),
            UserId = _alice,
            Kind = FactorKind.Push,
            Name = name,
            Status = FactorStatus.Active,
            CreatedAt = now,
            ActivatedAt = now,
            DeviceId = device.Id,
            PublicKey = _deviceKey.PublicKey.Export(KeyBlobFormat.RawPublicKey),
        };
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        unit.Devices.Add(device);
        unit.Factors.Add(factor);
        await unit.CommitAsync(CancellationToken.None);
        return new AuthenticatedDevice(device.Id, _alice, factor.Id, name);
    }

    private OperationRequest BotRequest() => new()
    {
        Operation = Operations.NotificationContactAdd,
        UserId = _alice,
        Initiator = InitiatorKind.ApiKey,
        SourceIp = IPAddress.Parse("203.0.113.9"),
    };

    private Task<Core.Results.Result<HeldOperationPlaced>> HoldAsync(string address = Address) =>
        Holds.HoldAsync(BotRequest(), Held, JsonSerializer.Serialize(new { channel = "email", address }), $"Add {address}", "apikey:test",
            CancellationToken.None);

    private async Task<PushChallenge> ChallengeAsync(AuthenticatedDevice device) =>
        Assert.Single(await Authenticators.WaitForChallengesAsync(device, TimeSpan.Zero, CancellationToken.None));

    private Task<Core.Results.Result<PushChallenge>> AnswerAsync(AuthenticatedDevice device, PushChallenge challenge, string decision, int? number) =>
        Authenticators.AnswerAsync(device, challenge.Id,
            new PushAnswer(decision, number, PushProtocol.Sign(_deviceKey, PushProtocol.AnswerMessage(challenge.Id, challenge.Nonce, decision, number, challenge.Summary))),
            "198.51.100.4", CancellationToken.None);

    private async Task<HeldOperation> GetAsync(Guid id) => (await Holds.GetAsync(_alice, id, TimeSpan.Zero, CancellationToken.None)).Value;

    private async Task<int> ContactsAsync()
    {
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        return (await unit.NotificationSettings.ListContactsAsync(_alice, CancellationToken.None)).Count(c => c.Address == Address);
    }

    [Fact]
    public async Task AnApiKeysOperation_ApprovedWithTheRightNumber_RunsOnce()
    {
        var placed = (await HoldAsync()).Value;
        var challenge = await ChallengeAsync(_device);
        Assert.Equal(placed.Operation.Number, challenge.Number);
        Assert.Equal(placed.Operation.Id, challenge.HeldOperationId);
        Assert.Equal("An API key", challenge.RequestDevice);

        Assert.True((await AnswerAsync(_device, challenge, "approve", placed.Operation.Number)).IsSuccess);
        Assert.False((await AnswerAsync(_device, challenge, "approve", placed.Operation.Number)).IsSuccess);

        var held = await GetAsync(placed.Operation.Id);
        Assert.Equal(HeldOperationStatus.Executed, held.Status);
        Assert.Equal(challenge.Id, held.PushChallengeId);
        Assert.NotNull(held.ExecutedAt);
        Assert.Equal(1, await ContactsAsync());
    }

    [Fact]
    public async Task AnApproval_IsSentToEveryAuthenticator_AndTheFirstAnswerWithdrawsTheOthers()
    {
        var tablet = await AddAuthenticatorAsync("Tablet");
        var placed = (await HoldAsync()).Value;
        Assert.Equal(2, placed.Devices);
        var onPhone = await ChallengeAsync(_device);
        var onTablet = await ChallengeAsync(tablet);

        Assert.True((await AnswerAsync(tablet, onTablet, "approve", placed.Operation.Number)).IsSuccess);

        Assert.Empty(await Authenticators.WaitForChallengesAsync(_device, TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(PushErrors.AlreadyAnsweredCode, (await AnswerAsync(_device, onPhone, "approve", placed.Operation.Number)).Error?.Code);
        Assert.Equal(1, await ContactsAsync());
    }

    [Fact]
    public async Task ADenial_CancelsIt_AndAlertsOnEveryChannel()
    {
        var placed = (await HoldAsync()).Value;

        Assert.True((await AnswerAsync(_device, await ChallengeAsync(_device), "deny", null)).IsSuccess);

        Assert.Equal(HeldOperationStatus.Denied, (await GetAsync(placed.Operation.Id)).Status);
        Assert.Equal(0, await ContactsAsync());
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var alert = Assert.Single(await unit.Notifications.ListForUserAsync(_alice, 10, CancellationToken.None),
            n => n.Type == NotificationTypes.OperationDenied);
        Assert.Equal(3, NotificationCatalog.Describe(alert.Type).Defaults.Count);
    }

    [Fact]
    public async Task AnExecutorFailure_IsRecorded_AsFailedWithItsCode()
    {
        var placed = (await HoldAsync("not-an-address")).Value;

        Assert.True((await AnswerAsync(_device, await ChallengeAsync(_device), "approve", placed.Operation.Number)).IsSuccess);

        var held = await GetAsync(placed.Operation.Id);
        Assert.Equal(HeldOperationStatus.Failed, held.Status);
        Assert.Equal(NotificationErrors.ContactInvalidCode, held.ErrorCode);
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == "operation.failed" && e.Code == NotificationErrors.ContactInvalidCode);
    }

    [Fact]
    public async Task AnOperationWithoutAnExecutor_CannotBeHeld()
    {
        var result = await Holds.HoldAsync(BotRequest() with { Operation = Operations.WithdrawalRequest }, Held, "{}", "Withdraw", "apikey:test",
            CancellationToken.None);

        Assert.Equal(HeldOperationErrors.NoApproverCode, result.Error?.Code);
        Assert.False(Holds.CanHold(Operations.WithdrawalRequest));
    }

    [Fact]
    public async Task AnExpiredOperation_IsExpiredWhenRead_AndItsChallengeWithdrawn()
    {
        var placed = (await HoldAsync()).Value;
        _gate.Time.Advance(TimeSpan.FromMinutes(15));

        Assert.Equal(HeldOperationStatus.Expired, (await GetAsync(placed.Operation.Id)).Status);
        Assert.Equal(HeldOperationErrors.NotPendingCode,
            (await Holds.CancelAsync(_alice, placed.Operation.Id, "user:test", null, CancellationToken.None)).Error?.Code);
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == "operation.expired");
    }

    [Fact]
    public async Task TheSweep_ExpiresOverdueOperations_Once_AndAlerts()
    {
        var placed = (await HoldAsync()).Value;
        Assert.Equal(0, await Holds.ExpireOverdueAsync(CancellationToken.None));

        _gate.Time.Advance(TimeSpan.FromMinutes(15));
        await Holds.ExpireOverdueAsync(CancellationToken.None); // the hosted sweeper may have run first: either way, once
        await Holds.ExpireOverdueAsync(CancellationToken.None);

        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        Assert.Equal(HeldOperationStatus.Expired, (await unit.HeldOperations.FindAsync(placed.Operation.Id, CancellationToken.None))!.Status);
        Assert.Single(await _gate.ReadAuditAsync(), e => e.Type == "operation.expired");
        Assert.Single(await unit.Notifications.ListForUserAsync(_alice, 10, CancellationToken.None), n => n.Type == NotificationTypes.OperationExpired);
    }
}
