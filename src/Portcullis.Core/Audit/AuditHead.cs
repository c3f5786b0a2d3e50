namespace Portcullis.Core.Audit;

/// <summary>The chain's newest link, kept apart from the rows so that deleting the tail is detected too.</summary>
public sealed class AuditHead
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;

    public long Sequence { get; set; }

    public required byte[] Hash { get; set; }
}
