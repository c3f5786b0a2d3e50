namespace Portcullis.Core.Protection;

/// <summary>Freezes, the settings lock, cool-downs and trusted networks (configuration section <c>Protection</c>).</summary>
public sealed class ProtectionOptions
{
    public const string Section = "Protection";

    /// <summary>How long after the owner asks to lift a freeze the lift takes effect. Default 24 h; 1 h to 30 days.</summary>
    public TimeSpan FreezeLiftDelay { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Cool-down on withdrawals and new destinations after a password change, a factor added or removed, or a new
    /// device trusted. Default 24 h; 1 h to 30 days.
    /// </summary>
    public TimeSpan SecurityChangeCooldown { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Cool-down after account recovery (a recovery-code sign-in). Default 72 h; 1 h to 30 days.</summary>
    public TimeSpan RecoveryCooldown { get; set; } = TimeSpan.FromHours(72);

    /// <summary>Most trusted networks per user. Default 20; 1 to 100.</summary>
    public int MaxTrustedNetworks { get; set; } = 20;

    /// <summary>
    /// How many users' protection state and account memberships each node keeps in memory between requests
    /// (<see cref="SecurityStateCache"/>). An entry is used only while the user's security version, read with the user on
    /// every request, is the one it was read under, so a change on any node is seen at once. Default 10,000; 0 turns the
    /// cache off; at most 1,000,000.
    /// </summary>
    public int StateCacheCapacity { get; set; } = 10_000;

    /// <summary>
    /// The automated rule: when the user denies a push sign-in on their authenticator ("this wasn't me"),
    /// freeze withdrawals and API use. Default <c>true</c>.
    /// </summary>
    public bool FreezeOnPushDenied { get; set; } = true;

    /// <summary>
    /// How often the background sweep records (audits and announces) freeze lifts whose cool-down has ended. A lift takes
    /// effect at its time regardless; this only bounds how late the announcement comes. Default 1 minute; 1 second to 1 hour.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
