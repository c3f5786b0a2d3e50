using Portcullis.Core.Results;

namespace Portcullis.Core.Notifications.Delivery;

/// <summary>Stable codes for operators' handling of the outbox.</summary>
public static class DeliveryErrors
{
    public const string ForbiddenCode = "notification.operator_only";
    public const string NotFoundCode = "notification.delivery_not_found";
    public const string NotDeadCode = "notification.delivery_not_dead";
    public const string StateInvalidCode = "notification.delivery_state_invalid";

    public static Error Forbidden() => new(ForbiddenCode, "Only operators can see and retry notification deliveries.");

    public static Error NotFound() => new(NotFoundCode, "No such delivery.");

    public static Error NotDead() => new(NotDeadCode, "Only a dead-lettered delivery can be retried.");

    public static Error StateInvalid() => new(StateInvalidCode, "The state must be pending, delivered or dead.");
}
