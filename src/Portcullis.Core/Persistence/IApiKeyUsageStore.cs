using Portcullis.Core.ApiKeys;

namespace Portcullis.Core.Persistence;

/// <summary>
/// API keys' usage (docs/api-keys.md "Usage log"): the log of signed requests, the counters on the key, and the addresses
/// a key was used from. Methods that say "at once" run one statement now, inside the unit's transaction when it is begun
/// (<see cref="IGateUnit.BeginAsync"/>), so that they commit or roll back with the rest of the unit.
/// </summary>
public interface IApiKeyUsageStore
{
    /// <summary>Stages a log row, written at commit; its <see cref="ApiKeyUsage.Id"/> is set then.</summary>
    void Add(ApiKeyUsage usage);

    /// <summary>Writes a log row at once (its <see cref="ApiKeyUsage.Id"/> is left as it is) and returns the id the store gave it.</summary>
    Task<long> InsertAsync(ApiKeyUsage usage, CancellationToken cancellationToken);

    /// <summary>
    /// Counts a request (and, when <paramref name="denied"/>, a denial) on the key, at once and atomically in the database
    /// (<c>request_count = request_count + 1</c>): concurrent units never lose a count. With <paramref name="usedAt"/> it also
    /// sets <c>last_used_at</c> and <c>last_used_ip</c>.
    /// </summary>
    Task CountAsync(Guid apiKeyId, bool request, bool denied, DateTimeOffset? usedAt, string? ip, CancellationToken cancellationToken) =>
        CountAsync(apiKeyId, request ? 1 : 0, denied ? 1 : 0, usedAt, ip, cancellationToken);

    /// <summary>As the other <c>CountAsync</c>, for several requests at once: adds <paramref name="requests"/> and <paramref name="denials"/>.</summary>
    Task CountAsync(Guid apiKeyId, int requests, int denials, DateTimeOffset? usedAt, string? ip, CancellationToken cancellationToken);

    /// <summary>
    /// Remembers that the key was used from <paramref name="ip"/>, at once. True only for the first use from that address:
    /// exactly one of several concurrent callers (on any node) gets true.
    /// </summary>
    Task<bool> RememberAddressAsync(Guid apiKeyId, string ip, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Sets a log row's decision code (and, when given, its notional), at once. False when the row is gone.</summary>
    Task<bool> SetDecisionAsync(long usageId, string code, decimal? notional, CancellationToken cancellationToken);

    /// <summary>The notional of the key's accepted rows after <paramref name="since"/> (a row at <paramref name="since"/> is out).</summary>
    Task<decimal> NotionalSinceAsync(Guid apiKeyId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Like <see cref="NotionalSinceAsync(Guid, DateTimeOffset, CancellationToken)"/> for several keys; a key without any is left out.</summary>
    Task<IReadOnlyDictionary<Guid, decimal>> NotionalSinceAsync(IReadOnlyCollection<Guid> apiKeyIds, DateTimeOffset since,
        CancellationToken cancellationToken);

    /// <summary>The key's rows, newest first: at most <paramref name="limit"/>, with ids below <paramref name="before"/> when given.</summary>
    Task<IReadOnlyList<ApiKeyUsage>> ListAsync(Guid apiKeyId, long? before, int limit, CancellationToken cancellationToken);

    /// <summary>Removes every row older than <paramref name="before"/> (at once); returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
