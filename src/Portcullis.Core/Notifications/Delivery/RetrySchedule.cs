namespace Portcullis.Core.Notifications.Delivery;

/// <summary>
/// Exponential backoff with "equal jitter": after attempt n the wait is between half and all of
/// base × 2^(n−1), capped, so that deliveries failing together do not retry together.
/// </summary>
public static class RetrySchedule
{
    /// <param name="attempts">Attempts made so far (1 after the first failure).</param>
    /// <param name="jitter">A number in [0, 1).</param>
    public static TimeSpan Delay(int attempts, TimeSpan baseDelay, TimeSpan maxDelay, double jitter)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var full = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(full / 2 + full / 2 * jitter);
    }
}
