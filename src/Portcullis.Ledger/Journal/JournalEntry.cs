namespace Portcullis.Ledger.Journal;

/// <summary>One balanced change: its lines sum to zero per asset. <see cref="Reference"/> is unique (idempotent posting).</summary>
internal sealed class JournalEntry
{
    public Guid Id { get; set; }

    /// <summary>e.g. <c>deposit:&lt;account&gt;:&lt;key&gt;</c>, <c>fill:&lt;order&gt;</c>, <c>withdrawal:&lt;id&gt;</c>.</summary>
    public string Reference { get; set; } = string.Empty;

    public Guid AccountId { get; set; }

    /// <summary><c>deposit</c>, <c>withdrawal</c> or <c>fill</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public DateTimeOffset PostedAt { get; set; }

    public List<JournalLine> Lines { get; set; } = [];
}
