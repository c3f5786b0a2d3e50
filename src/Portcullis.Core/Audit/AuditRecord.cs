namespace Portcullis.Core.Audit;

/// <summary>
/// An audit event before it is chained: the store assigns sequence, time and hashes when the unit of work
/// that holds it commits, in the same transaction as the change it describes.
/// </summary>
public sealed record AuditRecord(
    string Type,
    string Code,
    string Actor,
    string? Subject = null,
    string? Ip = null,
    IReadOnlyDictionary<string, object?>? Data = null);
