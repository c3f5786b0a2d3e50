using Portcullis.Core.Notifications.Delivery;
using Portcullis.Core.Persistence;
using Portcullis.Core.Users;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;
using Portcullis.Core.Policy;

namespace Portcullis.Server.Api.Notifications;

/// <summary>Operators: the outbox's deliveries, dead letters, and retrying them.</summary>
public static class DeliveryAdminEndpoints
{
    public static void Map(RouteGroupBuilder authenticated)
    {
        authenticated.MapGet("/admin/notification-deliveries", async (string? state, string? user, int? limit, HttpContext http,
                DeliveryAdminService deliveries, IGateStore store, CancellationToken cancellationToken) =>
            {
                if (http.CurrentSession().User.Role != UserRole.Operator)
                {
                    return Problems.From(DeliveryErrors.Forbidden());
                }

                var parsed = DeliveryAdminService.ParseState(state);
                if (state is not null && parsed is null)
                {
                    return Problems.From(DeliveryErrors.StateInvalid());
                }

                Guid? userId = null;
                if (user is not null)
                {
                    await using var unit = await store.OpenAsync(cancellationToken);
                    var found = await unit.Users.FindByUsernameAsync(Username.Normalize(user), cancellationToken);
                    if (found is null)
                    {
                        return TypedResults.Ok(new { items = Array.Empty<DeliveryView>() });
                    }

                    userId = found.Id;
                }

                var list = await deliveries.ListAsync(parsed, userId, limit ?? 100, cancellationToken);
                return TypedResults.Ok(new { items = list.Select(DeliveryView.From).ToList() });
            })
            .WithName("ListNotificationDeliveries")
            .RequireOperation(Operations.OperatorDeliveriesRead)
            .WithSummary("Operators: notification deliveries, newest first (state=dead for dead letters)");

        authenticated.MapPost("/admin/notification-deliveries/{id:guid}/retry", async (Guid id, HttpContext http, DeliveryAdminService deliveries,
                CancellationToken cancellationToken) =>
            {
                var current = http.CurrentSession();
                if (current.User.Role != UserRole.Operator)
                {
                    return Problems.From(DeliveryErrors.Forbidden());
                }

                var result = await deliveries.RetryAsync(id, Portcullis.Core.Audit.Actors.User(current.User.Id), cancellationToken);
                return result.IsSuccess ? TypedResults.Ok(DeliveryView.From(result.Value)) : Problems.From(result.Error);
            })
            .WithName("RetryNotificationDelivery")
            .RequireOperation(Operations.OperatorDeliveriesRetry)
            .WithSummary("Operators: put a dead-lettered delivery back in the outbox");
    }
}
