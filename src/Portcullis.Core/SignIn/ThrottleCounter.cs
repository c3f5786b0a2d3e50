namespace Portcullis.Core.SignIn;

/// <summary>
/// A failure counter for one key: a username (whether or not it exists), a recognised device, or a
/// source network. Stored so that every node of a cluster sees the same count.
/// </summary>
public sealed class ThrottleCounter
{
    /// <summary>
    /// <c>user:&lt;sha256 of the normalised username&gt;</c>, <c>device:&lt;id&gt;</c> or <c>ip:&lt;address or /64&gt;</c>.
    /// </summary>
    public required string Key { get; init; }

    /// <summary>Consecutive failures (attempts are counted before the password is checked, and refunded on success).</summary>
    public int Failures { get; set; }

    /// <summary>No attempt for this key is evaluated before this time.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? LastFailureAt { get; set; }
}
