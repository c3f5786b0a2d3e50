namespace Portcullis.Core.ApiKeys;

/// <summary>
/// One signed request attributed to a key, for its owner's usage log (docs/api-keys.md "Usage log"): when, from where,
/// what, and what the gate decided. An accepted order placement or replacement also carries its notional, which counts
/// against the key's <see cref="ApiKey.MaxDailyNotional"/> while <see cref="Code"/> is <see cref="Accepted"/>.
/// </summary>
public sealed class ApiKeyUsage
{
    /// <summary>The decision code of an accepted request.</summary>
    public const string Accepted = "ok";

    /// <summary>The decision code of a request the policy held for a person's approval (it does not count as notional).</summary>
    public const string Held = "held";

    /// <summary>
    /// The decision code of an order retried under an idempotency key that had already placed it: answered with the first
    /// order, so its notional does not count a second time.
    /// </summary>
    public const string Replayed = "replayed";

    /// <summary>
    /// How far back <see cref="ApiKey.MaxDailyNotional"/> sums accepted orders: a rolling 24 hours (an order accepted at T
    /// counts until T + 24 hours, exclusive).
    /// </summary>
    public static readonly TimeSpan NotionalWindow = TimeSpan.FromHours(24);

    /// <summary>The longest path kept; a longer one is cut.</summary>
    public const int MaxPathLength = 256;

    /// <summary>Assigned by the store when the row is written; increases with every row (the log's paging cursor).</summary>
    public long Id { get; init; }

    public required Guid ApiKeyId { get; init; }

    public required DateTimeOffset At { get; init; }

    public string? Ip { get; init; }

    public required string Method { get; init; }

    /// <summary>The path as it may be logged: never a query string, never a bearer secret carried in the path.</summary>
    public required string Path { get; init; }

    /// <summary>The operation of the endpoint (<see cref="Policy.Operations"/>), when the request reached one.</summary>
    public string? Operation { get; init; }

    /// <summary><see cref="Accepted"/>, <see cref="Held"/>, or the code of the refusal or failure (e.g. <c>apikey.out_of_scope</c>).</summary>
    public required string Code { get; init; }

    /// <summary>An order placement's or replacement's value in the account currency, once the key's limits let it through.</summary>
    public decimal? Notional { get; init; }
}
