namespace Portcullis.Ledger.Orders;

/// <summary><c>day</c> orders expire at the day's cut-off (<c>Ledger:Orders:DayEndsAtUtc</c>); <c>gtc</c> orders rest until filled or cancelled.</summary>
public enum TimeInForce
{
    Day,
    Gtc,
}
