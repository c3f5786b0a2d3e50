using Portcullis.Core.Notifications;

namespace Portcullis.Server.Api.Contracts;

/// <summary>A notification address as its owner sees it.</summary>
public sealed record ContactView(Guid Id, string Channel, string Address, string? Label, DateTimeOffset CreatedAt)
{
    public static ContactView From(NotificationContact c) => new(c.Id, NotificationCatalog.WireName(c.Channel), c.Address, c.Label, c.CreatedAt);
}
