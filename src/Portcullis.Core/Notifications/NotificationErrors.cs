using Portcullis.Core.Results;

namespace Portcullis.Core.Notifications;

/// <summary>Stable codes of the notification settings and the in-app feed.</summary>
public static class NotificationErrors
{
    public const string ContactInvalidCode = "notification.contact_invalid";
    public const string ContactExistsCode = "notification.contact_exists";
    public const string ContactLimitCode = "notification.contact_limit";
    public const string LastContactCode = "notification.last_contact";
    public const string NotFoundCode = "notification.not_found";
    public const string PreferenceLockedCode = "notification.preference_locked";
    public const string TypeUnknownCode = "notification.type_unknown";
    public const string ChannelUnknownCode = "notification.channel_unknown";
    public const string PhraseInvalidCode = "notification.phrase_invalid";
    public const string WebhookInvalidCode = "notification.webhook_invalid";
    public const string WebhookLimitCode = "notification.webhook_limit";

    public static Error ContactInvalid(string field, string problem) =>
        new(ContactInvalidCode, "The address is not valid: " + problem) { Fields = Field(field, problem) };

    public static Error ContactExists() => new(ContactExistsCode, "This address is already on the list.");

    public static Error ContactLimit(int max) => new(ContactLimitCode, $"At most {max} notification addresses are allowed. Remove one first.");

    public static Error LastContact(string type) => new(LastContactCode,
        $"This is the last address that would receive security alerts ({type}). Add another address, or switch the other channel back on, first.");

    public static Error NotFound() => new(NotFoundCode, "No such notification, address or webhook.");

    public static Error PreferenceLocked(string type) => new(PreferenceLockedCode,
        $"{type} is a security alert: email or text message must stay on, with an address. Switch the other channel on (and add an address for it) first.");

    public static Error TypeUnknown() => new(TypeUnknownCode, "No such notification type.") { Fields = Field("type", "Not a notification type.") };

    public static Error ChannelUnknown(string field = "channel") =>
        new(ChannelUnknownCode, "No such channel.") { Fields = Field(field, "Not a channel.") };

    public static Error PhraseInvalid() => new(PhraseInvalidCode, "An anti-phishing phrase has 4–64 characters and no control characters.")
    {
        Fields = Field("phrase", "4–64 characters, no control characters."),
    };

    public static Error WebhookInvalid(string field, string problem) =>
        new(WebhookInvalidCode, "The webhook endpoint is not valid: " + problem) { Fields = Field(field, problem) };

    public static Error WebhookLimit(int max) => new(WebhookLimitCode, $"At most {max} webhook endpoints are allowed. Remove one first.");

    private static Dictionary<string, string[]> Field(string name, string problem) => new(StringComparer.Ordinal) { [name] = [problem] };
}
