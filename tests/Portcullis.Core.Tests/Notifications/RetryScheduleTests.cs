using Portcullis.Core.Notifications.Delivery;

namespace Portcullis.Core.Tests.Notifications;

public sealed class RetryScheduleTests
{
    [Theory]
    [InlineData(1, 0.0, 5)]
    [InlineData(1, 0.999999, 10)]
    [InlineData(2, 0.0, 10)]
    [InlineData(3, 0.5, 30)]
    [InlineData(20, 0.0, 1800)]
    [InlineData(1000, 0.999999, 3600)]
    public void Delay_DoublesWithEqualJitter_UpToTheCap(int attempts, double jitter, double expectedSeconds)
    {
        var delay = RetrySchedule.Delay(attempts, TimeSpan.FromSeconds(10), TimeSpan.FromHours(1), jitter);

        Assert.Equal(expectedSeconds, delay.TotalSeconds, precision: 2);
    }
}
