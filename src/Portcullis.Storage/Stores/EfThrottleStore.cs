using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Persistence;
using Portcullis.Core.SignIn;

namespace Portcullis.Storage.Stores;

/// <summary>
/// Throttle counters in hand-written SQL (<see cref="RawSql"/>): every password check locks two of them and
/// writes them back. A locked counter is remembered with the values read, and <see cref="SaveChangedAsync"/>
/// (run by the unit's commit) writes back those the caller changed, as EF Core's change tracking would.
/// </summary>
internal sealed class EfThrottleStore(GateDbContext db, EfGateUnit unit) : IThrottleStore
{
    private readonly Dictionary<string, Locked> _locked = new(StringComparer.Ordinal);

    /// <summary>Whether a locked counter was changed since it was read or last saved.</summary>
    internal bool HasChanges => _locked.Values.Any(l => l.Changed);

    public async Task<ThrottleCounter> LockAsync(string key, CancellationToken cancellationToken)
    {
        if (!unit.InTransaction)
        {
            throw new InvalidOperationException("Throttle counters are locked inside a transaction: call BeginAsync first.");
        }

        // One statement creates the row if it is missing and locks it either way (PostgreSQL takes the row
        // lock in ON CONFLICT DO UPDATE; SQLite's IMMEDIATE transaction already excludes other writers), so
        // a row deleted by a concurrent reset while we waited is simply created afresh. A copy locked before
        // in this unit is forgotten (its unsaved changes with it): the database's current row is read.
        await using var command = RawSql.Command(db,
                "INSERT INTO throttle_counters (key, failures) VALUES (@key, 0) ON CONFLICT (key) DO UPDATE SET key = excluded.key " +
                "RETURNING failures, next_attempt_at, last_failure_at")
            .With("key", key);
        ThrottleCounter counter;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException($"The throttle counter upsert returned no row for {key}.");
            }

            counter = new ThrottleCounter
            {
                Key = key,
                Failures = reader.GetInt32(0),
                NextAttemptAt = db.ReadTime(reader, 1),
                LastFailureAt = db.ReadTime(reader, 2),
            };
        }

        _locked[key] = new Locked(counter);
        return counter;
    }

    public Task<ThrottleCounter?> FindAsync(string key, CancellationToken cancellationToken) =>
        db.ThrottleCounters.AsNoTracking().FirstOrDefaultAsync(c => c.Key == key, cancellationToken);

    public async Task ResetAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return;
        }

        var names = keys.Select((_, i) => "@k" + i).ToList();
        await using var command = RawSql.Command(db, $"DELETE FROM throttle_counters WHERE key IN ({string.Join(", ", names)})");
        var index = 0;
        foreach (var key in keys)
        {
            command.With(names[index++], key);
            _locked.Remove(key);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Writes back the locked counters that changed; called by the unit's commit, inside its transaction.</summary>
    internal async Task SaveChangedAsync(CancellationToken cancellationToken)
    {
        foreach (var locked in _locked.Values.Where(l => l.Changed).ToList())
        {
            var counter = locked.Counter;
            await using var command = RawSql.Command(db,
                    "UPDATE throttle_counters SET failures = @failures, next_attempt_at = @next, last_failure_at = @last WHERE key = @key")
                .With("failures", counter.Failures)
                .With("key", counter.Key);
            db.AddTime(command, "next", counter.NextAttemptAt);
            db.AddTime(command, "last", counter.LastFailureAt);
            await command.ExecuteNonQueryAsync(cancellationToken);
            locked.Saved();
        }
    }

    /// <summary>A counter this unit locked, and its values as last read or saved.</summary>
    private sealed class Locked(ThrottleCounter counter)
    {
        private (int Failures, DateTimeOffset? Next, DateTimeOffset? Last) _saved = Values(counter);

        public ThrottleCounter Counter { get; } = counter;

        public bool Changed => Values(Counter) != _saved;

        public void Saved() => _saved = Values(Counter);

        private static (int, DateTimeOffset?, DateTimeOffset?) Values(ThrottleCounter c) => (c.Failures, c.NextAttemptAt, c.LastFailureAt);
    }
}
