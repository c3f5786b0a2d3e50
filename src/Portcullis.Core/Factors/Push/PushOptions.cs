namespace Portcullis.Core.Factors;

/// <summary>Push approvals with number matching.</summary>
public sealed class PushOptions
{
    /// <summary>How long a challenge waits for an answer; at most 2 minutes. Default 2 minutes.</summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Unanswered challenges a user may have at once. Default 3.</summary>
    public int MaxPending { get; set; } = 3;

    /// <summary>How long an authenticator enrolment code stays valid. Default 10 minutes.</summary>
    public TimeSpan EnrollmentCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);
}
