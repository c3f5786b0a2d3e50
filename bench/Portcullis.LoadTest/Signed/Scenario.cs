using System.Diagnostics;

namespace Portcullis.LoadTest.Signed;

/// <summary>
/// One kind of request driven by the signed load: where it goes, how it is signed, what each request is, and the ratio to
/// the bare endpoint that issue 7 asks of it.
/// </summary>
public sealed class Scenario
{
    /// <summary>Short name: <c>bare</c>, <c>read</c>, <c>order</c>, <c>session-read</c>.</summary>
    public required string Id { get; init; }

    /// <summary>For the report, e.g. "signed read, Ed25519 per request".</summary>
    public required string Title { get; init; }

    /// <summary>The least requests/s as a share of the bare endpoint's (issue 7); <c>null</c> for the baseline.</summary>
    public double? Target { get; init; }

    /// <summary>Whether the latency target (p99 at most <see cref="SignedReport.P99TargetMilliseconds"/>) applies.</summary>
    public bool LatencyTarget { get; init; }

    public required Uri Server { get; init; }

    /// <summary>The server's process, whose CPU time is read per phase.</summary>
    public required Process ServerProcess { get; init; }

    public required IRequestSigner Signer { get; init; }

    /// <summary>The next request of one connection's loop (a new message each time: a message is sent once).</summary>
    public required Func<LoopState, HttpRequestMessage> NextRequest { get; init; }
}

/// <summary>One connection's loop of a scenario; kept across warm-up and rounds.</summary>
public sealed class LoopState(int loop)
{
    /// <summary>0 to connections − 1.</summary>
    public int Loop { get; } = loop;

    /// <summary>Requests this loop has sent, in any phase (numbers idempotency keys).</summary>
    public long Sent { get; set; }

    /// <summary>2xx answers this loop has had, in any phase, inside a measured window or not (the order scenario alternates on it).</summary>
    public long Completed { get; set; }
}
