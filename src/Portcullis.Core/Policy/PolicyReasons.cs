namespace Portcullis.Core.Policy;

/// <summary>
/// Stable reason codes of decisions. They appear in problem details (prefixed <c>policy.</c> as the problem code's
/// detail), the audit log and the explain endpoint; a rule may add its own deny codes.
/// </summary>
public static class PolicyReasons
{
    // allow
    public const string Allowed = "allowed";
    public const string TierSatisfied = "tier_satisfied";

    // deny from built-in guards (checked before any rule, so no rule can override them)
    public const string Frozen = "frozen";
    public const string SettingsLocked = "settings_locked";
    public const string CooldownActive = "cooldown_active";

    // deny from tier conditions that no fresh proof can fix
    public const string NetworkNotTrusted = "network_not_trusted";
    public const string DeviceNotTrusted = "device_not_trusted";
    public const string RememberedSession = "remembered_session";
    public const string SessionTooOld = "session_too_old";
    public const string InitiatorNotAllowed = "initiator_not_allowed";
    public const string LimitExceeded = "limit_exceeded";
    public const string DefaultDeny = "default_deny";
    public const string ApprovalUnavailable = "approval_unavailable";

    // step_up
    public const string StepUpRequired = "step_up_required";
    public const string ProofTooOld = "proof_too_old";
    public const string IdleTimeout = "idle_timeout";

    // hold
    public const string ApprovalRequired = "approval_required";
}
