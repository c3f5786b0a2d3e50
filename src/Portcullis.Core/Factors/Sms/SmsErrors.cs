using Portcullis.Core.Results;

namespace Portcullis.Core.Factors.Sms;

/// <summary>Stable codes of the SMS factor. A wrong, expired or used code is <see cref="FactorErrors.Invalid"/>.</summary>
public static class SmsErrors
{
    public const string SendLimitCode = "sms.send_limit";
    public const string DeliveryFailedCode = "sms.delivery_failed";

    public static Error SendLimit(TimeSpan retryAfter) =>
        new(SendLimitCode, "Too many codes were sent by text message. Wait before asking for another, or use another factor.")
        {
            RetryAfter = retryAfter,
        };

    public static Error DeliveryFailed() =>
        new(DeliveryFailedCode, "The code could not be sent by text message. Try again later, or use another factor.")
        {
            RetryAfter = TimeSpan.FromSeconds(30),
        };

    public static Error PhoneInvalid() => new("request.invalid", "The phone number must be in international form, e.g. +41 44 668 18 00.")
    {
        Fields = new Dictionary<string, string[]> { ["phone"] = ["E.164: '+' and 8–15 digits, country code first."] },
    };
}
