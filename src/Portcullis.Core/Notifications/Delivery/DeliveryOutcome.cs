namespace Portcullis.Core.Notifications.Delivery;

/// <summary>The result of one attempt.</summary>
public sealed record DeliveryOutcome(bool Delivered, bool Permanent, string? Error)
{
    public static DeliveryOutcome Ok { get; } = new(true, false, null);

    /// <summary>A passing problem (server down, timeout, 5xx): try again later.</summary>
    public static DeliveryOutcome Retry(string error) => new(false, false, Trim(error));

    /// <summary>A problem that another attempt will not fix (address refused, endpoint gone): dead-letter it now.</summary>
    public static DeliveryOutcome GiveUp(string error) => new(false, true, Trim(error));

    private static string Trim(string error) => error.Length > 500 ? error[..500] : error;
}
