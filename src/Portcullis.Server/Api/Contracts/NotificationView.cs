using System.Text.Json;
using System.Text.Json.Serialization;
using Portcullis.Core.Notifications;

namespace Portcullis.Server.Api.Contracts;

/// <summary>One item of the in-app feed; <c>read_at</c> is null while unread.</summary>
public sealed record NotificationView(
    Guid Id,
    string Type,
    string Title,
    NotificationSeverity Severity,
    string Summary,
    JsonElement Data,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? ReadAt)
{
    public static NotificationView From(NotificationEvent e) => new(
        e.Id,
        e.Type,
        NotificationCatalog.Describe(e.Type).Title,
        e.Severity,
        e.Summary,
        ParseData(e.Data),
        e.CreatedAt,
        e.ReadAt);

    private static JsonElement ParseData(string data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : Empty();
        }
        catch (JsonException)
        {
            return Empty(); // events are JSON objects (Notify.Emit); a damaged row must not break the feed
        }
    }

    private static JsonElement Empty()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }
}
