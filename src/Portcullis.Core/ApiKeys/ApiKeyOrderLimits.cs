using Portcullis.Core.Persistence;
using Portcullis.Core.Results;

namespace Portcullis.Core.ApiKeys;

/// <summary>
/// A key's own order limits that need the store (docs/api-keys.md): <see cref="ApiKey.MaxOrdersPerMinute"/> (a fixed
/// one-minute window) and <see cref="ApiKey.MaxDailyNotional"/> (the notional of the key's accepted order placements and
/// replacements over a rolling <see cref="ApiKeyUsage.NotionalWindow"/>). Both are checked under one per-key lock, and an
/// order let through reserves its notional in its usage row in the same transaction, so that concurrent orders cannot all
/// pass; the caller gives the notional back (the row's code changes) when the order is then refused or fails.
/// </summary>
public static class ApiKeyOrderLimits
{
    /// <summary>The lock (a throttle counter, which also counts the minute's orders) of a key's orders.</summary>
    public static string LockKey(Guid apiKeyId) => $"apikey-orders:{apiKeyId}";

    /// <summary>
    /// Checks an order of <paramref name="notional"/> (<c>null</c>: the gate could not value it, which fails closed against a
    /// daily limit) and, when it is within the limits, counts it and reserves its notional in the request's usage row
    /// <paramref name="usageId"/>. Runs in <paramref name="unit"/> (begun here when the key has a limit); commit it when the
    /// answer is <c>null</c>, dispose it otherwise. <c>apikey.limit_exceeded</c> when a limit is reached.
    /// </summary>
    public static async Task<Error?> CheckAndReserveAsync(IGateUnit unit, ApiKey key, long? usageId, decimal? notional, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(key);
        if (key.MaxOrdersPerMinute is not null || key.MaxDailyNotional is not null)
        {
            await unit.BeginAsync(cancellationToken);
            var counter = await unit.Throttle.LockAsync(LockKey(key.Id), cancellationToken);
            if (key.MaxOrdersPerMinute is { } max)
            {
                if (counter.LastFailureAt is not { } start || now - start >= TimeSpan.FromMinutes(1))
                {
                    counter.LastFailureAt = now;
                    counter.Failures = 0;
                }

                if (counter.Failures >= max)
                {
                    return ApiKeyRequestErrors.LimitExceeded("orders per minute");
                }

                counter.Failures++;
            }

            if (key.MaxDailyNotional is { } maxDaily &&
                (notional is not { } value || await unit.ApiKeyUsage.NotionalSinceAsync(key.Id, now - ApiKeyUsage.NotionalWindow, cancellationToken) + value > maxDaily))
            {
                return ApiKeyRequestErrors.LimitExceeded("maximum daily notional");
            }
        }

        if (usageId is { } id && notional is { } reserved)
        {
            await unit.ApiKeyUsage.SetDecisionAsync(id, ApiKeyUsage.Accepted, reserved, cancellationToken);
        }

        return null;
    }
}
