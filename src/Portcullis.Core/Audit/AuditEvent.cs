namespace Portcullis.Core.Audit;

/// <summary>
/// One row of the append-only audit log. Each row carries the SHA-256 of its predecessor
/// (<see cref="PreviousHash"/>) and its own <see cref="Hash"/> over all its fields, so that changing,
/// deleting or reordering a row breaks the chain (see <see cref="AuditChain"/>).
/// </summary>
public sealed class AuditEvent
{
    /// <summary>Position in the chain, starting at 1, without gaps.</summary>
    public required long Sequence { get; init; }

    /// <summary>UTC time, truncated to milliseconds so every store keeps it exactly.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Who acted: <c>user:&lt;id&gt;</c>, <c>operator:&lt;id&gt;</c>, <c>cli</c>, <c>system</c> or <c>anonymous</c>.</summary>
    public required string Actor { get; init; }

    /// <summary>What it was done to, e.g. <c>user:&lt;id&gt;</c> or <c>session:&lt;id&gt;</c>.</summary>
    public string? Subject { get; init; }

    /// <summary>What happened, from <see cref="AuditEventTypes"/>.</summary>
    public required string Type { get; init; }

    /// <summary>The stable outcome or reason code, e.g. <c>ok</c>, <c>bad_password</c>, <c>throttled</c>.</summary>
    public required string Code { get; init; }

    /// <summary>The client IP the request came from, when there was one.</summary>
    public string? Ip { get; init; }

    /// <summary>A JSON object with details; never secrets.</summary>
    public required string Data { get; init; }

    public required byte[] PreviousHash { get; init; }

    public required byte[] Hash { get; init; }
}
