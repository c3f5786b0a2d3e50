using System.Text.Json;
using Portcullis.Core.Persistence;

namespace Portcullis.Core.Notifications;

/// <summary>Writes notification events in the caller's unit of work.</summary>
public static class Notify
{
    public static void Emit(IGateUnit unit, Guid userId, string type, NotificationSeverity severity, string summary,
        IReadOnlyDictionary<string, object?> data, DateTimeOffset now) =>
        unit.Notifications.Emit(new NotificationEvent
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Type = type,
            Severity = severity,
            Summary = summary,
            Data = JsonSerializer.Serialize(data),
            CreatedAt = now,
        });
}
