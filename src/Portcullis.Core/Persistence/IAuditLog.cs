using Portcullis.Core.Audit;

namespace Portcullis.Core.Persistence;

public interface IAuditLog
{
    /// <summary>Stages a record; it is chained and written when the unit commits.</summary>
    void Append(AuditRecord record);

    /// <summary>Every row in sequence order, streamed.</summary>
    IAsyncEnumerable<AuditEvent> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Rows about a subject or by an actor, newest first.</summary>
    Task<IReadOnlyList<AuditEvent>> ListForAsync(string actorOrSubject, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Rows of <paramref name="types"/> about a user or by them (actor or subject <c>user:&lt;id&gt;</c>) in
    /// [<paramref name="from"/>, <paramref name="to"/>), oldest first (activity reports).
    /// </summary>
    Task<IReadOnlyList<AuditEvent>> ListForUserAsync(Guid userId, DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string> types,
        CancellationToken cancellationToken);

    /// <summary>One page of rows, newest first (see <see cref="AuditPageQuery"/>): the activity log and the operators' audit page.</summary>
    Task<IReadOnlyList<AuditEvent>> ListPageAsync(AuditPageQuery query, CancellationToken cancellationToken);

    Task<AuditHead?> GetHeadAsync(CancellationToken cancellationToken);
}
