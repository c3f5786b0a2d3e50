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

    Task<AuditHead?> GetHeadAsync(CancellationToken cancellationToken);
}
