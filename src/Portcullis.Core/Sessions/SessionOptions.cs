namespace Portcullis.Core.Sessions;

/// <summary>Session settings (configuration section <c>Sessions</c>). Defaults are the product's tier 2.</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>Inactivity after which a session ends. Default 15 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lifetime after which a session ends however active. Default 12 hours.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How stale the recorded last activity may get before a request writes it again. Default 30 seconds;
    /// it bounds both the write rate and how early an idle timeout can fire.
    /// </summary>
    public TimeSpan ActivityWriteInterval { get; set; } = TimeSpan.FromSeconds(30);
}
