using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Portcullis.Core.Persistence;
using Portcullis.Core.Users;

namespace Portcullis.Core.Protection;

/// <summary>
/// What this node read of a user's security state (the protection rows behind <see cref="ProtectionService.LoadAsync"/>, the
/// account memberships), kept between requests and used only under the <see cref="User.SecurityVersion"/> it was read
/// under. Every request reads its user afresh, and with it the version; the store's triggers give the user a new version in
/// the same transaction as any change to those rows, whichever node or tool writes it. So a freeze, a lost membership or a
/// new cool-down is seen by every node on its next request, exactly as if nothing were cached.
/// <para>
/// Rules that keep it exact:
/// <list type="bullet">
/// <item>the rows are read after the version was read, so an entry is never older than its version says (a change committed in
/// between only makes the entry newer, and the next request's new version replaces it);</item>
/// <item>nothing is read from or put in the cache inside a transaction (<see cref="IGateUnit.InTransaction"/>), where the unit
/// could see its own uncommitted writes;</item>
/// <item>a version is never used twice, even by a change rolled back (triggers draw it at random on SQLite and from a sequence on
/// PostgreSQL), so a value read for a version can only ever be that version's.</item>
/// </list>
/// </para>
/// At most <see cref="ProtectionOptions.StateCacheCapacity"/> users are kept (all are dropped when it fills); 0 turns it off.
/// </summary>
public sealed class SecurityStateCache : IDisposable
{
    public const string MeterName = "Portcullis.Security";

    private readonly ConcurrentDictionary<(Guid UserId, Type Kind), Entry> _entries = new();
    private readonly int _capacity;
    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private long _hitCount;

    public SecurityStateCache(IOptions<ProtectionOptions> options)
    {
        _capacity = options.Value.StateCacheCapacity;
        _hits = _meter.CreateCounter<long>("portcullis.security_state.cache.hits",
            description: "Reads of a user's protection state or memberships answered from this node's memory.");
        _misses = _meter.CreateCounter<long>("portcullis.security_state.cache.misses",
            description: "Reads of a user's protection state or memberships that went to the store.");
    }

    /// <summary>
    /// The value of kind <typeparamref name="T"/> for <paramref name="user"/> at its version: from memory when this node read it
    /// under that version, otherwise read by <paramref name="read"/> with <paramref name="unit"/> (and kept, outside a transaction).
    /// </summary>
    public Task<T> GetAsync<T>(IGateUnit unit, User user, Func<IGateUnit, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : class =>
        GetAsync(user, !unit.InTransaction, ct => read(unit, ct), cancellationToken);

    /// <summary>As above, for a caller that reads with a unit of its own, opened by <paramref name="read"/> only on a miss.</summary>
    public Task<T> GetAsync<T>(User user, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : class =>
        GetAsync(user, true, read, cancellationToken);

    private async Task<T> GetAsync<T>(User user, bool outsideTransaction, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : class
    {
        var cacheable = _capacity > 0 && outsideTransaction;
        if (cacheable && TryGet<T>(user, out var cached))
        {
            _hits.Add(1);
            Interlocked.Increment(ref _hitCount);
            return cached;
        }

        _misses.Add(1);
        var value = await read(cancellationToken);
        if (cacheable)
        {
            if (_entries.Count >= _capacity)
            {
                _entries.Clear();
            }

            _entries[(user.Id, typeof(T))] = new Entry(user.SecurityVersion, value);
        }

        return value;
    }

    /// <summary>Reads answered from memory since the start.</summary>
    public long Hits => Interlocked.Read(ref _hitCount);

    public void Dispose() => _meter.Dispose();

    private bool TryGet<T>(User user, [NotNullWhen(true)] out T? value)
        where T : class
    {
        if (_entries.TryGetValue((user.Id, typeof(T)), out var entry) && entry.Version == user.SecurityVersion && entry.Value is T found)
        {
            value = found;
            return true;
        }

        value = null;
        return false;
    }

    private sealed record Entry(long Version, object Value);
}
