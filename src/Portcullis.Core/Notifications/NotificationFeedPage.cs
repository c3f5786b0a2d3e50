namespace Portcullis.Core.Notifications;

/// <summary>One page of the in-app feed, newest first.</summary>
/// <param name="Items">The events of this page.</param>
/// <param name="UnreadCount">The user's unread events in all (not only this page).</param>
/// <param name="NextBefore">The <c>before</c> cursor for the next page (the last item's time); null on the last page.</param>
public sealed record NotificationFeedPage(IReadOnlyList<NotificationEvent> Items, int UnreadCount, DateTimeOffset? NextBefore);
