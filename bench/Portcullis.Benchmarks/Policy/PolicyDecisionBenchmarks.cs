using System.Net;
using BenchmarkDotNet.Attributes;
using Portcullis.Core.Policy;

namespace Portcullis.Benchmarks.Policy;

/// <summary>
/// One decision of the shipped default policy, in memory, for the common cases: a read (first rules), a small order
/// (past the large-order rule's condition), a large order that needs a step-up (a tier with a proof search), and a
/// withdrawal (guards, a capped rule, the critical tier with trusted networks). The baseline is a dictionary lookup
/// of the operation name, the least any engine keyed by operation must do.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 15)]
[MemoryDiagnoser]
public class PolicyDecisionBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private readonly Dictionary<string, OperationDefinition> _catalogue = Operations.All.ToDictionary(o => o.Name, StringComparer.Ordinal);
    private CompiledPolicy _policy = null!;
    private PolicySubject _totp = null!;
    private PolicySubject _key = null!;
    private OperationRequest _read = null!;
    private OperationRequest _smallOrder = null!;
    private OperationRequest _largeOrder = null!;
    private OperationRequest _withdrawal = null!;

    [GlobalSetup]
    public void Setup()
    {
        _policy = PolicyLoader.Default();
        var request = new OperationRequest
        {
            Operation = Operations.PortfolioRead,
            UserId = Guid.CreateVersion7(),
            DeviceId = Guid.CreateVersion7(),
            DeviceTrusted = true,
            SourceIp = IPAddress.Parse("198.51.100.20"),
        };
        _read = request;
        _smallOrder = request with { Operation = Operations.OrderPlace, Instrument = "ACME", AssetClass = "stock", OrderType = "limit", Notional = 10_000 };
        _largeOrder = _smallOrder with { Notional = 500_000 };
        _withdrawal = request with { Operation = Operations.WithdrawalRequest, Amount = 5_000, Destination = "main-bank" };
        _totp = new PolicySubject
        {
            Proofs = [new(ProofClass.Password, Now.AddMinutes(-2)), new(ProofClass.Possession, Now.AddMinutes(-2))],
            SessionStartedAt = Now.AddMinutes(-2),
            SessionLastSeenAt = Now.AddSeconds(-20),
            HasSecondFactor = true,
        };
        _key = new PolicySubject
        {
            Proofs = [.. _totp.Proofs, new(ProofClass.PhishingResistant, Now.AddSeconds(-30))],
            SessionStartedAt = _totp.SessionStartedAt,
            SessionLastSeenAt = _totp.SessionLastSeenAt,
            HasSecondFactor = true,
            HasPhishingResistantFactor = true,
            Protection = new AccountProtection(Capability.None, false, null, [IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("2001:db8::/32")]),
            Totals = new Dictionary<string, decimal> { [_policy.CapsFor(Operations.WithdrawalRequest)[0].Key] = 20_000 },
        };
        Expect(Decide(_read, _totp), DecisionKind.Allow);
        Expect(Decide(_smallOrder, _totp), DecisionKind.Allow);
        Expect(Decide(_largeOrder, _totp), DecisionKind.StepUp);
        Expect(Decide(_withdrawal, _key), DecisionKind.Allow);
    }

    [Benchmark(Baseline = true, Description = "catalogue lookup (baseline)")]
    public OperationDefinition? Lookup() => _catalogue.GetValueOrDefault(_largeOrder.Operation);

    [Benchmark(Description = "portfolio.read -> allow")]
    public Decision Read() => Decide(_read, _totp);

    [Benchmark(Description = "order.place 10k -> allow")]
    public Decision SmallOrder() => Decide(_smallOrder, _totp);

    [Benchmark(Description = "order.place 500k, TOTP -> step_up")]
    public Decision LargeOrder() => Decide(_largeOrder, _totp);

    [Benchmark(Description = "withdrawal.request, key, networks, cap -> allow")]
    public Decision Withdrawal() => Decide(_withdrawal, _key);

    private Decision Decide(OperationRequest request, PolicySubject subject) => _policy.Decide(request, subject, Now);

    private static void Expect(Decision decision, DecisionKind kind)
    {
        if (decision.Kind != kind)
        {
            throw new InvalidOperationException($"Expected {kind}, got {decision.Kind} ({decision.Reason}): the benchmark would measure the wrong path.");
        }
    }
}
