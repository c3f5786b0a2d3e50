namespace Portcullis.Core.Notifications;

public enum DeliveryState
{
    /// <summary>Waiting for its first or next attempt (<see cref="NotificationDelivery.NextAttemptAt"/>).</summary>
    Pending = 0,

    /// <summary>The channel accepted it.</summary>
    Delivered = 1,

    /// <summary>Given up on: attempts exhausted or a permanent failure. Visible to operators, who can retry it.</summary>
    Dead = 2,
}
