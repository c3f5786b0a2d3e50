namespace Portcullis.Core.SignIn;

/// <summary>
/// One growing-delay schedule: the first <see cref="FreeAttempts"/> failures cost nothing; after that each
/// failure doubles the wait, starting at <see cref="BaseDelay"/> and capped at <see cref="MaxDelay"/>.
/// </summary>
public sealed class ThrottleSchedule
{
    public int FreeAttempts { get; set; } = 5;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait after <paramref name="failures"/> consecutive failures.</summary>
    public TimeSpan DelayAfter(int failures)
    {
        if (failures <= FreeAttempts)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - FreeAttempts - 1, 30);
        var ticks = Math.Min(BaseDelay.Ticks * (1L << doublings), MaxDelay.Ticks);
        return TimeSpan.FromTicks(ticks);
    }
}
