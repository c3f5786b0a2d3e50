using Portcullis.Core.Results;
using Portcullis.Core.SignIn;

namespace Portcullis.Core.Factors.Sms;

/// <summary>
/// The send limit: at most <c>MaxSendsPerWindow</c> codes to one user in a fixed 15-minute window that opens
/// with the first send. It lives in the user's <c>sms:&lt;id&gt;</c> throttle counter (see
/// <see cref="ThrottleKeys.ForSms"/>), read as: <see cref="ThrottleCounter.Failures"/> = codes sent in the window,
/// <see cref="ThrottleCounter.LastFailureAt"/> = when the window opened, <see cref="ThrottleCounter.NextAttemptAt"/> =
/// when the next send is allowed once the window is full.
/// </summary>
public static class SmsSendWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(15);

    /// <summary>Counts one send in <paramref name="counter"/> (locked by the caller), or refuses it with when to retry.</summary>
    public static Result Take(ThrottleCounter counter, int maxSends, DateTimeOffset now)
    {
        if (counter.LastFailureAt is not { } opened || now - opened >= Length || now < opened)
        {
            opened = now;
            counter.Failures = 0;
            counter.LastFailureAt = now;
            counter.NextAttemptAt = null;
        }

        var closes = opened + Length;
        if (counter.Failures >= maxSends)
        {
            counter.NextAttemptAt = closes;
            return SmsErrors.SendLimit(TimeSpan.FromSeconds(Math.Ceiling((closes - now).TotalSeconds)));
        }

        counter.Failures++;
        counter.NextAttemptAt = counter.Failures >= maxSends ? closes : null;
        return Result.Success();
    }
}
