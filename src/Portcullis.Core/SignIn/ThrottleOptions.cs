namespace Portcullis.Core.SignIn;

/// <summary>Sign-in throttling (configuration section <c>SignIn</c>).</summary>
public sealed class ThrottleOptions
{
    public const string Section = "SignIn";

    /// <summary>
    /// Per username from unrecognised clients, and per recognised device. Default: 5 free, then 1 s doubling
    /// to at most 5 min.
    /// </summary>
    public ThrottleSchedule Account { get; set; } = new();

    /// <summary>
    /// Consecutive failures after which a username refuses password attempts from unrecognised clients until
    /// a success from a recognised device or an operator's unlock. Default 100 (NIST SP 800-63B-4 §3.2.2).
    /// </summary>
    public int HardStopAfter { get; set; } = 100;

    /// <summary>Per source address (IPv4, or IPv6 /64). Default: 20 free, then 1 s doubling to at most 5 min.</summary>
    public ThrottleSchedule Network { get; set; } = new() { FreeAttempts = 20 };

    /// <summary>A source address's count is forgotten after this long without failures. Default 1 hour.</summary>
    public TimeSpan NetworkForgetAfter { get; set; } = TimeSpan.FromHours(1);
}
