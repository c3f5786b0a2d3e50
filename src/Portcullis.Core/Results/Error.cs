namespace Portcullis.Core.Results;

/// <summary>
/// An expected failure: a stable <see cref="Code"/> that clients, tests and the audit log rely on, and a
/// message safe to show to the caller (it never carries a secret or reveals whether an account exists).
/// </summary>
public sealed record Error(string Code, string Message)
{
    /// <summary>Per-field problems for a request that is missing or has invalid fields.</summary>
    public IReadOnlyDictionary<string, string[]>? Fields { get; init; }

    /// <summary>When the caller may try again (throttling, a full hashing queue).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// Why it failed, for the audit log and server logs only: never shown to the caller (e.g.
    /// <c>replayed</c>, <c>counter_regression</c>, <c>wrong_number</c>).
    /// </summary>
    public string? Reason { get; init; }
}
