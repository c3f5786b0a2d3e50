namespace Portcullis.Core.Audit;

/// <summary>The outcome of checking the audit chain.</summary>
/// <param name="Count">Rows checked (all of them when the chain is intact).</param>
/// <param name="BrokenAt">The sequence number of the first row that fails, when one does.</param>
/// <param name="Reason">A stable code: <c>hash_mismatch</c>, <c>link_mismatch</c>, <c>sequence_gap</c>, <c>head_mismatch</c>.</param>
/// <param name="Detail">A sentence for people.</param>
public sealed record AuditVerification(long Count, long? BrokenAt, string? Reason, string? Detail)
{
    public bool IsIntact => Reason is null;
}
