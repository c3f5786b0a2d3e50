namespace Portcullis.Core.Holds;

/// <summary>Operations held for approval (configuration section <c>Policy:Holds</c>).</summary>
public sealed class HeldOperationOptions
{
    public const string Section = "Policy:Holds";

    /// <summary>Held operations a user may have waiting at once; one more is refused (<c>operation.too_many_pending</c>). Default 5; 1–50.</summary>
    public int MaxPending { get; set; } = 5;

    /// <summary>How long a held operation waits for an approval before it expires. Default 15 minutes; 1 minute to 24 hours.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the background sweep expires overdue operations (audited, alerted). Default 1 minute; 1 second to 1 hour.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
