namespace Portcullis.Core.Factors.Push;

public enum PushChallengeStatus
{
    Pending = 0,
    Approved = 1,

    /// <summary>"This wasn't me": audited and alerted.</summary>
    Denied = 2,

    /// <summary>Answered with the wrong number or an invalid signature.</summary>
    Failed = 3,

    /// <summary>The device was revoked or the flow ended before an answer.</summary>
    Cancelled = 4,
}
