using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Reports;

namespace Portcullis.Core.Tests.Notifications;

public sealed class ReportPeriodsTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void LastCompleted_Daily_EndsAtTheLatestUtcMidnight()
    {
        var window = ReportPeriods.LastCompleted(ReportPeriod.Daily, Utc(2026, 11, 4, 15, 20));

        Assert.Equal(Utc(2026, 11, 3), window.Start);
        Assert.Equal(Utc(2026, 11, 4), window.End);
    }

    [Fact]
    public void LastCompleted_Daily_AtMidnightExactly_EndsThen()
    {
        var window = ReportPeriods.LastCompleted(ReportPeriod.Daily, Utc(2026, 11, 4));

        Assert.Equal(Utc(2026, 11, 4), window.End);
    }

    [Fact]
    public void LastCompleted_Daily_UsesUtcNotTheOffsetOfNow()
    {
        // 2026-11-04 01:30 at +03:00 is 2026-11-03 22:30 UTC.
        var window = ReportPeriods.LastCompleted(ReportPeriod.Daily, new DateTimeOffset(2026, 11, 4, 1, 30, 0, TimeSpan.FromHours(3)));

        Assert.Equal(Utc(2026, 11, 3), window.End);
        Assert.Equal(TimeSpan.Zero, window.End.Offset);
    }

    [Theory]
    [InlineData(2, 0, 2)] // Monday 00:00: that Monday
    [InlineData(2, 9, 2)] // Monday morning
    [InlineData(4, 15, 2)] // Wednesday
    [InlineData(8, 23, 2)] // Sunday night
    [InlineData(9, 0, 9)] // next Monday 00:00
    public void LastCompleted_Weekly_EndsOnTheLatestMondayMidnight(int day, int hour, int expectedEndDay)
    {
        var window = ReportPeriods.LastCompleted(ReportPeriod.Weekly, Utc(2026, 11, day, hour));

        Assert.Equal(Utc(2026, 11, expectedEndDay), window.End);
        Assert.Equal(DayOfWeek.Monday, window.End.DayOfWeek);
        Assert.Equal(window.End.AddDays(-7), window.Start);
    }

    [Fact]
    public void Ending_AnyInstant_CoversTheLengthBeforeIt()
    {
        var end = Utc(2026, 11, 4, 12, 34);

        Assert.Equal(end.AddHours(-24), ReportPeriods.Ending(ReportPeriod.Daily, end).Start);
        Assert.Equal(end.AddDays(-7), ReportPeriods.Ending(ReportPeriod.Weekly, end).Start);
    }

    [Theory]
    [InlineData("2026-11-02", "2026-11-02T00:00:00Z")]
    [InlineData("2026-11-02T12:30", "2026-11-02T12:30:00Z")]
    [InlineData("2026-11-02T12:30:00Z", "2026-11-02T12:30:00Z")]
    [InlineData("2026-11-02T12:30:00+02:00", "2026-11-02T10:30:00Z")]
    [InlineData("2026-11-02T12:30:00.250Z", "2026-11-02T12:30:00.25Z")]
    public void ParseEnd_Iso8601_IsReadAsUtc(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ReportPeriods.ParseEnd(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("02/11/2026")]
    [InlineData("2026-13-01")]
    public void ParseEnd_NotIso8601_IsNull(string text) => Assert.Null(ReportPeriods.ParseEnd(text));

    [Fact]
    public void Parse_AcceptsOnlyTheWireNames()
    {
        Assert.Equal(ReportPeriod.Daily, ReportPeriods.ParsePeriod("daily"));
        Assert.Equal(ReportPeriod.Weekly, ReportPeriods.ParsePeriod("weekly"));
        Assert.Null(ReportPeriods.ParsePeriod("monthly"));
        Assert.Null(ReportPeriods.ParsePeriod("Daily"));
        Assert.Equal(ReportFrequency.Off, ReportPeriods.ParseFrequency("off"));
        Assert.Null(ReportPeriods.ParseFrequency("never"));
        Assert.Null(ReportPeriods.For(ReportFrequency.Off));
        Assert.Equal(ReportPeriod.Weekly, ReportPeriods.For(ReportFrequency.Weekly));
    }
}
