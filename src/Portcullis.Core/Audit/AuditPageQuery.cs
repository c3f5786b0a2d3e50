namespace Portcullis.Core.Audit;

/// <summary>
/// One page of the audit log, newest first, by keyset: rows with a sequence below <see cref="Before"/> (the last row of
/// the previous page), at most <see cref="Limit"/>. <see cref="UserId"/> limits it to rows by or about that user (actor or
/// subject <c>user:&lt;id&gt;</c>); <see cref="Text"/> to rows whose type or data contain it (case-insensitive);
/// <see cref="From"/> (inclusive) and <see cref="To"/> (exclusive) to a time window.
/// </summary>
public sealed record AuditPageQuery
{
    public const int MaxLimit = 200;

    public Guid? UserId { get; init; }

    public long? Before { get; init; }

    public string? Text { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public int Limit { get; init; } = 50;
}
