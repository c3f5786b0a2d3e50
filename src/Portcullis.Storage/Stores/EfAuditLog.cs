using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;

namespace Portcullis.Storage.Stores;

internal sealed class EfAuditLog(GateDbContext db) : IAuditLog
{
    private readonly List<AuditRecord> _pending = [];

    internal IReadOnlyList<AuditRecord> Pending => _pending;

    public void Append(AuditRecord record) => _pending.Add(record);

    public IAsyncEnumerable<AuditEvent> ReadAllAsync(CancellationToken cancellationToken) =>
        db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable();

    public async Task<IReadOnlyList<AuditEvent>> ListForAsync(string actorOrSubject, int limit, CancellationToken cancellationToken) =>
        await db.AuditEvents.AsNoTracking()
            .Where(e => e.Subject == actorOrSubject || e.Actor == actorOrSubject)
            .OrderByDescending(e => e.Sequence)
            .Take(limit)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<AuditEvent>> ListForUserAsync(Guid userId, DateTimeOffset from, DateTimeOffset to,
        IReadOnlyCollection<string> types, CancellationToken cancellationToken)
    {
        var key = Actors.User(userId);
        return await db.AuditEvents.AsNoTracking()
            .Where(e => (e.Subject == key || e.Actor == key) && e.At >= from && e.At < to && types.Contains(e.Type))
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEvent>> ListPageAsync(AuditPageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = db.AuditEvents.AsNoTracking();
        if (query.UserId is { } userId)
        {
            var key = Actors.User(userId);
            rows = rows.Where(e => e.Subject == key || e.Actor == key);
        }

        if (query.Before is { } before)
        {
            rows = rows.Where(e => e.Sequence < before);
        }

        if (query.From is { } from)
        {
            rows = rows.Where(e => e.At >= from);
        }

        if (query.To is { } to)
        {
            rows = rows.Where(e => e.At < to);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim().ToLowerInvariant();
            // Translated to SQL lower() and a substring test on both providers; no .NET culture is involved.
#pragma warning disable CA1304, CA1311, CA1862
            rows = rows.Where(e => e.Type.ToLower().Contains(text) || e.Data.ToLower().Contains(text));
#pragma warning restore CA1304, CA1311, CA1862
        }

        return await rows.OrderByDescending(e => e.Sequence).Take(Math.Clamp(query.Limit, 1, AuditPageQuery.MaxLimit)).ToListAsync(cancellationToken);
    }

    public Task<AuditHead?> GetHeadAsync(CancellationToken cancellationToken) =>
        db.AuditHeads.AsNoTracking().FirstOrDefaultAsync(h => h.Id == AuditHead.SingletonId, cancellationToken);

    /// <summary>Chains the pending records after the locked head and adds them to the context.</summary>
    internal async Task ChainPendingAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        // Read the head afresh under the lock, never a copy tracked from an earlier commit of this unit.
        foreach (var stale in db.ChangeTracker.Entries<AuditHead>().ToList())
        {
            stale.State = EntityState.Detached;
        }

        var head = await db.LockAuditHead().SingleAsync(cancellationToken);
        foreach (var record in _pending)
        {
            var linked = AuditChain.Link(record, head.Sequence + 1, now, head.Hash);
            db.AuditEvents.Add(linked);
            head.Sequence = linked.Sequence;
            head.Hash = linked.Hash;
        }

        _pending.Clear();
    }
}
