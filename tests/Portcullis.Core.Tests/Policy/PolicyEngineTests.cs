using System.Net;
using Portcullis.Core.Policy;

namespace Portcullis.Core.Tests.Policy;

/// <summary>
/// The acceptance table against the shipped default policy. Each row starts from one valid situation (a
/// trusted device, a session signed in with password and TOTP a minute ago, nothing frozen) and changes what it names.
/// </summary>
public sealed class PolicyEngineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly CompiledPolicy Policy = PolicyLoader.Default();
    private static readonly IPAddress Office = IPAddress.Parse("198.51.100.20");

    public static TheoryData<string, Func<OperationRequest, OperationRequest>, Func<PolicySubject, PolicySubject>, DecisionKind, string> Rows => new()
    {
        { "read with any aal2 session", r => r with { Operation = Operations.PortfolioRead }, s => s, DecisionKind.Allow, PolicyReasons.TierSatisfied },
        { "order of 10,000 with a TOTP session", r => Order(r, 10_000), s => s, DecisionKind.Allow, PolicyReasons.TierSatisfied },
        { "the same order after the idle timeout", r => Order(r, 10_000), s => Idle(s, TimeSpan.FromMinutes(16)), DecisionKind.StepUp, PolicyReasons.IdleTimeout },
        { "order of 500,000 with a TOTP session", r => Order(r, 500_000), s => s, DecisionKind.StepUp, PolicyReasons.StepUpRequired },
        { "order of 500,000 after a WebAuthn assertion", r => Order(r, 500_000), s => WithKeyProof(s, TimeSpan.FromSeconds(5)), DecisionKind.Allow, PolicyReasons.TierSatisfied },
        { "order of 500,000, WebAuthn 6 minutes ago", r => Order(r, 500_000), s => WithKeyProof(s, TimeSpan.FromMinutes(6)), DecisionKind.StepUp, PolicyReasons.ProofTooOld },
        { "withdrawal from an untrusted network with WebAuthn", Withdrawal, s => Networks(WithKeyProof(s, TimeSpan.FromSeconds(5)), "10.20.0.0/16"), DecisionKind.Deny, PolicyReasons.NetworkNotTrusted },
        { "withdrawal from a trusted network with WebAuthn", Withdrawal, s => Networks(WithKeyProof(s, TimeSpan.FromSeconds(5)), "198.51.100.0/24"), DecisionKind.Allow, PolicyReasons.TierSatisfied },
        { "withdrawal within 24 h of adding a TOTP factor", Withdrawal, s => Cooldown(WithKeyProof(s, TimeSpan.FromSeconds(5)), TimeSpan.FromHours(20)), DecisionKind.Deny, PolicyReasons.CooldownActive },
        { "withdrawal after the cool-down ended", Withdrawal, s => Cooldown(WithKeyProof(s, TimeSpan.FromSeconds(5)), TimeSpan.FromSeconds(-1)), DecisionKind.Allow, PolicyReasons.TierSatisfied },
        { "withdrawal while withdrawals are frozen", Withdrawal, s => Frozen(WithKeyProof(s, TimeSpan.FromSeconds(5)), Capability.Withdrawals), DecisionKind.Deny, PolicyReasons.Frozen },
        { "withdrawal while everything is frozen", Withdrawal, s => Frozen(WithKeyProof(s, TimeSpan.FromSeconds(5)), Capability.All), DecisionKind.Deny, PolicyReasons.Frozen },
        { "order while only withdrawals are frozen", r => Order(r, 10_000), s => Frozen(s, Capability.Withdrawals), DecisionKind.Allow, PolicyReasons.TierSatisfied },
        { "withdrawal on an untrusted device", r => Withdrawal(r) with { DeviceTrusted = false }, s => WithKeyProof(s, TimeSpan.FromSeconds(5)), DecisionKind.Deny, PolicyReasons.DeviceNotTrusted },
        { "withdrawal by an API key", r => Withdrawal(r) with { Initiator = InitiatorKind.ApiKey }, s => NoSession(s), DecisionKind.Hold, PolicyReasons.ApprovalRequired },
        { "margin change by a workstation", r => r with { Operation = Operations.MarginChange, Initiator = InitiatorKind.Workstation }, s => NoSession(s), DecisionKind.Hold, PolicyReasons.ApprovalRequired },
        { "small order by an API key", r => Order(r, 10_000) with { Initiator = InitiatorKind.ApiKey }, s => NoSession(s), DecisionKind.Allow, PolicyReasons.TierSatisfied },
        { "option order by an API key", r => Order(r, 10_000) with { Initiator = InitiatorKind.ApiKey, AssetClass = "option" }, s => NoSession(s), DecisionKind.Hold, PolicyReasons.ApprovalRequired },
        { "any request by an API key while api is frozen", r => r with { Operation = Operations.PortfolioRead, Initiator = InitiatorKind.ApiKey }, s => Frozen(NoSession(s), Capability.Api), DecisionKind.Deny, PolicyReasons.Frozen },
        { "withdrawal over the daily limit", r => Withdrawal(r) with { Amount = 30_000 }, s => Totals(WithKeyProof(s, TimeSpan.FromSeconds(5)), 80_000), DecisionKind.Deny, "withdrawal_limit" },
        { "withdrawal within the daily limit", r => Withdrawal(r) with { Amount = 20_000 }, s => Totals(WithKeyProof(s, TimeSpan.FromSeconds(5)), 80_000), DecisionKind.Allow, PolicyReasons.TierSatisfied },
        { "freeze with a TOTP session", r => r with { Operation = Operations.FreezeSet, Capability = "all" }, s => s, DecisionKind.Allow, PolicyReasons.TierSatisfied },
        { "freeze while everything is frozen", r => r with { Operation = Operations.FreezeSet, Capability = "all" }, s => Frozen(s, Capability.All), DecisionKind.Allow, PolicyReasons.TierSatisfied },
        { "lifting a freeze with a TOTP session", r => r with { Operation = Operations.FreezeLift }, s => Frozen(s, Capability.All), DecisionKind.StepUp, PolicyReasons.StepUpRequired },
        { "enrolling a factor under the settings lock", r => r with { Operation = Operations.FactorEnroll }, s => Locked(WithKeyProof(s, TimeSpan.FromSeconds(5))), DecisionKind.Deny, PolicyReasons.SettingsLocked },
        { "enrolling a security key with a fresh TOTP and no key yet", r => r with { Operation = Operations.FactorEnroll, FactorKind = "webauthn" }, s => s, DecisionKind.Allow, PolicyReasons.TierSatisfied },
        { "removing a factor with TOTP when the user has a key", r => r with { Operation = Operations.FactorRemove }, s => HasKey(s), DecisionKind.StepUp, PolicyReasons.StepUpRequired },
        { "enrolling a first factor with a stale password", r => r with { Operation = Operations.FactorEnroll }, s => PasswordOnly(s, TimeSpan.FromMinutes(7)), DecisionKind.StepUp, PolicyReasons.ProofTooOld },
        { "a session older than 12 hours", r => Order(r, 10_000), s => Started(s, TimeSpan.FromHours(13)), DecisionKind.Deny, PolicyReasons.SessionTooOld },
        { "an operation outside the catalogue", r => r with { Operation = "ledger.rewrite" }, s => s, DecisionKind.Deny, PolicyReasons.DefaultDeny },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void DefaultPolicy_DecidesEachRow(string row, Func<OperationRequest, OperationRequest> request, Func<PolicySubject, PolicySubject> subject,
        DecisionKind kind, string reason)
    {
        var decision = Policy.Decide(request(BaseRequest()), subject(BaseSubject()), Now);

        Assert.True(decision.Kind == kind && decision.Reason == reason,
            $"{row}: expected {kind}({reason}), got {decision.Kind}({decision.Reason}) by rule {decision.Rule}");
    }

    [Fact]
    public void LargeOrder_StepUp_NamesPhishingResistantAndFiveMinutes()
    {
        var decision = Policy.Decide(Order(BaseRequest(), 500_000), BaseSubject(), Now);

        Assert.Equal(DecisionKind.StepUp, decision.Kind);
        Assert.Equal([ProofClass.PhishingResistant], decision.StepUp!.Classes);
        Assert.Equal(TimeSpan.FromSeconds(300), decision.StepUp.MaxAge);
        Assert.Equal("phishing_resistant", decision.StepUp.AcrValues);
        Assert.Equal("large-order", decision.Rule);
        Assert.Equal("critical", decision.Tier);
    }

    [Fact]
    public void Cooldown_WinsOverEverythingElse()
    {
        // Frozen is checked first, then the settings lock, then the cool-down; with only a cool-down it decides alone.
        var subject = Cooldown(Networks(WithKeyProof(BaseSubject(), TimeSpan.FromSeconds(1)), "198.51.100.0/24"), TimeSpan.FromHours(23));

        var decision = Policy.Decide(Withdrawal(BaseRequest()), subject, Now);

        Assert.Equal((DecisionKind.Deny, PolicyReasons.CooldownActive, (string?)null), (decision.Kind, decision.Reason, decision.Rule));
    }

    [Fact]
    public void Explain_SaysWhichRuleMatchedAndWhy()
    {
        var explanation = Policy.Explain(Order(BaseRequest(), 500_000), BaseSubject(), Now);

        Assert.Equal(DecisionKind.StepUp, explanation.Decision.Kind);
        Assert.Contains(explanation.Steps, s => s.Check == "rule large-order" && s.Outcome.Contains("tier critical", StringComparison.Ordinal));
        Assert.Contains(explanation.Steps, s => s.Check == "tier critical" && s.Outcome.Contains("phishing_resistant", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_NamesTheConditionThatFailed()
    {
        var explanation = Policy.Explain(Order(BaseRequest(), 10_000), BaseSubject(), Now);

        Assert.Contains(explanation.Steps, s => s.Check == "rule large-order" && s.Outcome.Contains("notional >= 250000", StringComparison.Ordinal) &&
            s.Outcome.Contains("notional = 10000", StringComparison.Ordinal));
        Assert.Equal("orders", explanation.Decision.Rule);
    }

    [Fact]
    public void DefaultPolicy_RoutesEveryCatalogueOperationToARule()
    {
        foreach (var operation in Operations.All)
        {
            var decision = Policy.Decide(BaseRequest() with { Operation = operation.Name }, HasKey(WithKeyProof(BaseSubject(), TimeSpan.FromSeconds(1))), Now);
            Assert.True(decision.Rule != "default-deny", $"{operation.Name} falls through to default-deny");
        }
    }

    [Fact]
    public void DefaultPolicy_CapsWithdrawals()
    {
        var caps = Policy.CapsFor(Operations.WithdrawalRequest);

        var cap = Assert.Single(caps);
        Assert.Equal(("amount", TimeSpan.FromHours(24)), (cap.Attribute, cap.Window));
        Assert.Empty(Policy.CapsFor(Operations.PortfolioRead));
    }

    private static OperationRequest BaseRequest() => new()
    {
        Operation = Operations.PortfolioRead,
        UserId = Guid.Parse("0194f000-0000-7000-8000-000000000001"),
        AccountId = Guid.Parse("0194f000-0000-7000-8000-000000000002"),
        DeviceId = Guid.Parse("0194f000-0000-7000-8000-000000000003"),
        DeviceTrusted = true,
        SourceIp = Office,
    };

    private static PolicySubject BaseSubject() => new()
    {
        Proofs = [new(ProofClass.Password, Now.AddMinutes(-1)), new(ProofClass.Possession, Now.AddMinutes(-1))],
        SessionStartedAt = Now.AddMinutes(-1),
        SessionLastSeenAt = Now.AddSeconds(-10),
        HasSecondFactor = true,
    };

    private static OperationRequest Order(OperationRequest r, decimal notional) =>
        r with { Operation = Operations.OrderPlace, Instrument = "ACME", AssetClass = "stock", OrderType = "limit", Notional = notional };

    private static OperationRequest Withdrawal(OperationRequest r) =>
        r with { Operation = Operations.WithdrawalRequest, Amount = 5_000, Destination = "main-bank" };

    private static PolicySubject Idle(PolicySubject s, TimeSpan idle) => new()
    {
        Proofs = [new(ProofClass.Password, Now - idle - TimeSpan.FromMinutes(1)), new(ProofClass.Possession, Now - idle - TimeSpan.FromMinutes(1))],
        SessionStartedAt = Now - idle - TimeSpan.FromMinutes(1),
        SessionLastSeenAt = Now - idle,
        HasSecondFactor = s.HasSecondFactor,
        HasPhishingResistantFactor = s.HasPhishingResistantFactor,
        Protection = s.Protection,
    };

    private static PolicySubject WithKeyProof(PolicySubject s, TimeSpan ago) => Copy(s, proofs: [.. s.Proofs, new(ProofClass.PhishingResistant, Now - ago)], hasKey: true);

    private static PolicySubject HasKey(PolicySubject s) => Copy(s, hasKey: true);

    private static PolicySubject PasswordOnly(PolicySubject s, TimeSpan ago) =>
        new() { Proofs = [new(ProofClass.Password, Now - ago)], SessionStartedAt = Now - ago, SessionLastSeenAt = Now, Protection = s.Protection };

    private static PolicySubject NoSession(PolicySubject s) => new() { HasSecondFactor = true, Protection = s.Protection };

    private static PolicySubject Started(PolicySubject s, TimeSpan ago) => new()
    {
        Proofs = s.Proofs, SessionStartedAt = Now - ago, SessionLastSeenAt = s.SessionLastSeenAt, HasSecondFactor = s.HasSecondFactor,
    };

    private static PolicySubject Networks(PolicySubject s, params string[] cidrs) =>
        Copy(s, protection: s.Protection with { TrustedNetworks = [.. cidrs.Select(IPNetwork.Parse)] });

    private static PolicySubject Cooldown(PolicySubject s, TimeSpan left) => Copy(s, protection: s.Protection with { CooldownUntil = Now + left });

    private static PolicySubject Frozen(PolicySubject s, Capability capability) => Copy(s, protection: s.Protection with { Frozen = capability });

    private static PolicySubject Locked(PolicySubject s) => Copy(s, protection: s.Protection with { SettingsLocked = true });

    private static PolicySubject Totals(PolicySubject s, decimal withdrawn) =>
        Copy(s, totals: new Dictionary<string, decimal> { [Policy.CapsFor(Operations.WithdrawalRequest)[0].Key] = withdrawn });

    private static PolicySubject Copy(PolicySubject s, IReadOnlyList<PolicyProof>? proofs = null, bool? hasKey = null,
        AccountProtection? protection = null, IReadOnlyDictionary<string, decimal>? totals = null) => new()
    {
        Proofs = proofs ?? s.Proofs,
        SessionStartedAt = s.SessionStartedAt,
        SessionLastSeenAt = s.SessionLastSeenAt,
        RememberedSignIn = s.RememberedSignIn,
        RecoveredSession = s.RecoveredSession,
        HasPhishingResistantFactor = hasKey ?? s.HasPhishingResistantFactor,
        HasSecondFactor = s.HasSecondFactor,
        Protection = protection ?? s.Protection,
        Totals = totals ?? s.Totals,
    };
}
