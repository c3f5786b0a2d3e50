using Microsoft.Extensions.Options;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;

namespace Portcullis.Core.ApiKeys;

/// <summary>
/// A key's usage as its owner reads it (docs/api-keys.md "Usage log"): the summary shown with the key, the paged log, and
/// the retention sweep (<see cref="ApiKeyOptions.UsageRetention"/>) that also forgets expired signature nonces.
/// </summary>
public sealed class ApiKeyUsageService(IGateStore store, IOptions<ApiKeyOptions> options, TimeProvider time)
{
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 200;

    /// <summary>
    /// A page of the log of <paramref name="userId"/>'s key <paramref name="id"/>, newest first, with ids below
    /// <paramref name="before"/> when given. Another user's key is <c>apikey.not_found</c>, as a missing one.
    /// </summary>
    public async Task<Result<ApiKeyUsagePage>> ListAsync(Guid userId, Guid id, long? before, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        await using var unit = await store.OpenAsync(cancellationToken);
        if (await unit.ApiKeys.FindAsync(id, cancellationToken) is not { } key || key.UserId != userId)
        {
            return ApiKeyErrors.NotFound();
        }

        var rows = await unit.ApiKeyUsage.ListAsync(id, before, limit + 1, cancellationToken);
        return rows.Count > limit ? new ApiKeyUsagePage([.. rows.Take(limit)], rows[limit - 1].Id) : new ApiKeyUsagePage(rows, null);
    }

    /// <summary>The usage summary of each of <paramref name="keys"/> now (their counters as loaded, the last 24 hours' notional).</summary>
    public async Task<IReadOnlyDictionary<Guid, ApiKeyUsageSummary>> SummariesAsync(IReadOnlyList<ApiKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return new Dictionary<Guid, ApiKeyUsageSummary>();
        }

        await using var unit = await store.OpenAsync(cancellationToken);
        var notional = await unit.ApiKeyUsage.NotionalSinceAsync([.. keys.Select(k => k.Id)], time.GetUtcNow() - ApiKeyUsage.NotionalWindow,
            cancellationToken);
        return keys.ToDictionary(k => k.Id, k => Summary(k, notional.GetValueOrDefault(k.Id)));
    }

    /// <summary>The usage summary of one key.</summary>
    public async Task<ApiKeyUsageSummary> SummaryAsync(ApiKey key, CancellationToken cancellationToken) =>
        (await SummariesAsync([key], cancellationToken))[key.Id];

    /// <summary>The summary of a key with the given notional (a key just created has none).</summary>
    public static ApiKeyUsageSummary Summary(ApiKey key, decimal notionalLast24Hours)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new ApiKeyUsageSummary(key.LastUsedAt, key.LastUsedIp, key.RequestCount, key.DenialCount, notionalLast24Hours);
    }

    /// <summary>
    /// How long an expired session key is kept: a bot signing with it meanwhile is told <c>apikey.session_key_expired</c> (and
    /// asks for a new one) rather than <c>signature.key_unknown</c>.
    /// </summary>
    public static readonly TimeSpan ExpiredSessionKeyGrace = TimeSpan.FromDays(1);

    /// <summary>
    /// Forgets usage rows older than <see cref="ApiKeyOptions.UsageRetention"/>, signature nonces whose window has ended and
    /// session keys that expired more than <see cref="ExpiredSessionKeyGrace"/> ago; returns how many of each. Run
    /// periodically; several nodes may run it at once.
    /// </summary>
    public async Task<(int Usage, int Nonces, int SessionKeys)> PruneAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken);
        var usage = await unit.ApiKeyUsage.PruneAsync(now - options.Value.UsageRetention, cancellationToken);
        var nonces = await unit.Nonces.PruneAsync(now, cancellationToken);
        var sessionKeys = await unit.SessionKeys.PruneAsync(now - ExpiredSessionKeyGrace, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return (usage, nonces, sessionKeys);
    }
}
