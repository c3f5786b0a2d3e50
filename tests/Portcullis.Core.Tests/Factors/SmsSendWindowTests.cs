using Portcullis.Core.Factors.Sms;
using Portcullis.Core.SignIn;

namespace Portcullis.Core.Tests.Factors;

public sealed class SmsSendWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Take_AllowsMaxSends_ThenRefusesUntilTheWindowCloses()
    {
        var counter = new ThrottleCounter { Key = "sms:x" };

        Assert.True(SmsSendWindow.Take(counter, 3, T0).IsSuccess);
        Assert.True(SmsSendWindow.Take(counter, 3, T0.AddMinutes(1)).IsSuccess);
        Assert.True(SmsSendWindow.Take(counter, 3, T0.AddMinutes(2)).IsSuccess);
        var refused = SmsSendWindow.Take(counter, 3, T0.AddMinutes(10));

        Assert.Equal(SmsErrors.SendLimitCode, refused.Error?.Code);
        Assert.Equal(TimeSpan.FromMinutes(5), refused.Error?.RetryAfter);
        Assert.Equal(T0.AddMinutes(15), counter.NextAttemptAt);
        Assert.True(SmsSendWindow.Take(counter, 3, T0.AddMinutes(15)).IsSuccess);
        Assert.Equal(1, counter.Failures);
    }

    [Fact]
    public void Take_RefusedAttempts_DoNotExtendTheWindow()
    {
        var counter = new ThrottleCounter { Key = "sms:x" };
        SmsSendWindow.Take(counter, 1, T0);

        SmsSendWindow.Take(counter, 1, T0.AddMinutes(14));

        Assert.True(SmsSendWindow.Take(counter, 1, T0.AddMinutes(15)).IsSuccess);
    }

    [Fact]
    public void Take_AfterAQuietWindow_StartsAfresh()
    {
        var counter = new ThrottleCounter { Key = "sms:x", Failures = 3, LastFailureAt = T0.AddHours(-1), NextAttemptAt = T0.AddMinutes(-45) };

        Assert.True(SmsSendWindow.Take(counter, 3, T0).IsSuccess);
        Assert.Equal(1, counter.Failures);
        Assert.Equal(T0, counter.LastFailureAt);
    }
}
