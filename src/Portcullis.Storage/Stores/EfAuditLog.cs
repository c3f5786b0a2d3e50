using System.Globalization;
using System.Text;
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

    /// <summary>
    /// Chains the pending records after the locked head and writes them, with the new head, in hand-written SQL
    /// (<see cref="RawSql"/>): every sign-in and every signed request appends here.
    /// </summary>
    internal async Task ChainPendingAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        long sequence;
        byte[] hash;
        await using (var read = RawSql.Command(db, db.LockAuditHeadSql))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("The audit head row is missing: the store was not migrated.");
            }

            sequence = reader.GetInt64(0);
            hash = reader.GetFieldValue<byte[]>(1);
        }

        var sql = new StringBuilder("INSERT INTO audit_events (sequence, at, actor, subject, type, code, ip, data, previous_hash, hash) VALUES ");
        await using var write = RawSql.Command(db, string.Empty);
        for (var i = 0; i < _pending.Count; i++)
        {
            var linked = AuditChain.Link(_pending[i], sequence + 1, now, hash);
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture,
                $"(@s{i}, @at{i}, @actor{i}, @subject{i}, @type{i}, @code{i}, @ip{i}, @data{i}, @prev{i}, @hash{i})");
            write.With($"s{i}", linked.Sequence).With($"actor{i}", linked.Actor).With($"subject{i}", linked.Subject)
                .With($"type{i}", linked.Type).With($"code{i}", linked.Code).With($"ip{i}", linked.Ip).With($"data{i}", linked.Data)
                .With($"prev{i}", linked.PreviousHash).With($"hash{i}", linked.Hash);
            db.AddTime(write, $"at{i}", linked.At);
            sequence = linked.Sequence;
            hash = linked.Hash;
        }

        // One command, two statements: the rows and the head move together.
        sql.Append("; UPDATE audit_head SET sequence = @head_sequence, hash = @head_hash WHERE id = ")
            .Append(AuditHead.SingletonId.ToString(CultureInfo.InvariantCulture));
        write.With("head_sequence", sequence).With("head_hash", hash);
        write.CommandText = sql.ToString();
        await write.ExecuteNonQueryAsync(cancellationToken);
        _pending.Clear();
    }
}
