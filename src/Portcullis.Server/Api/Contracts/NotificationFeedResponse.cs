using System.Text.Json.Serialization;

namespace Portcullis.Server.Api.Contracts;

/// <summary>A page of the feed; pass <c>next_before</c> as <c>before</c> for the next one (null on the last page).</summary>
public sealed record NotificationFeedResponse(
    IReadOnlyList<NotificationView> Items,
    int UnreadCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? NextBefore);
