using Portcullis.Core.Audit;
using Portcullis.Core.Policy;
using Portcullis.Core.Protection;
using Portcullis.Core.Users;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Api.Protection;

/// <summary>
/// Freezes: the owner lists, sets and asks to lift them; operators set and lift them for a user. Lifting by the owner
/// takes effect after the cool-down (<c>Protection:FreezeLiftDelay</c>).
/// </summary>
internal static class FreezeEndpoints
{
    public static void Map(RouteGroupBuilder authenticated)
    {
        authenticated.MapGet("/me/freezes", async (HttpContext http, ProtectionService protection, TimeProvider time,
                CancellationToken cancellationToken) =>
            {
                var list = await protection.ListFreezesAsync(http.CurrentSession().User.Id, cancellationToken);
                var now = time.GetUtcNow();
                return TypedResults.Ok(new { items = list.Select(f => FreezeView.From(f, now)).ToList() });
            })
            .WithName("ListFreezes")
            .RequireOperation(Operations.FreezeRead)
            .WithSummary("The user's freezes: in force (active or lift pending) and lifted in the last 30 days, newest first");

        authenticated.MapPost("/me/freezes", async (FreezeBody? body, HttpContext http, ProtectionService protection, TimeProvider time,
                CancellationToken cancellationToken) =>
            {
                var user = http.CurrentSession().User.Id;
                var result = await protection.FreezeAsync(user, body?.Capabilities, body?.Reason, FreezeSource.Owner, Actors.User(user),
                    http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess
                    ? Results.Created($"/api/v1/me/freezes/{result.Value.Id:D}", FreezeView.From(result.Value, time.GetUtcNow()))
                    : Problems.From(result.Error);
            })
            .WithName("SetFreeze")
            .RequireOperation(Operations.FreezeSet, Describe)
            .WithSummary("Freeze capabilities (trading, withdrawals, api, security_changes, all) at once")
            .Accepts<FreezeBody>("application/json")
            .Produces<FreezeView>(StatusCodes.Status201Created);

        authenticated.MapPost("/me/freezes/{id:guid}/lift", async (Guid id, HttpContext http, ProtectionService protection, TimeProvider time,
                CancellationToken cancellationToken) =>
            {
                var result = await protection.RequestLiftAsync(http.CurrentSession().User.Id, id, http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess ? TypedResults.Ok(FreezeView.From(result.Value, time.GetUtcNow())) : Problems.From(result.Error);
            })
            .WithName("LiftFreeze")
            .RequireOperation(Operations.FreezeLift, DescribeLiftAsync)
            .WithSummary("Ask to lift a freeze: it stays in force until the cool-down ends; announced on every channel")
            .Produces<FreezeView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        authenticated.MapGet("/admin/users/{id:guid}/freezes", async (Guid id, HttpContext http, ProtectionService protection, TimeProvider time,
                CancellationToken cancellationToken) =>
            {
                if (http.CurrentSession().User.Role != UserRole.Operator)
                {
                    return Problems.From(ProtectionErrors.OperatorOnly());
                }

                var result = await protection.ListUserFreezesAsync(id, cancellationToken);
                var now = time.GetUtcNow();
                return result.IsSuccess
                    ? TypedResults.Ok(new { items = result.Value.Select(f => FreezeView.From(f, now)).ToList() })
                    : Problems.From(result.Error);
            })
            .WithName("OperatorListFreezes")
            .RequireOperation(Operations.OperatorFreezeRead)
            .WithSummary("Operators: a user's freezes, in force and lifted in the last 30 days, newest first");

        authenticated.MapPost("/admin/users/{id:guid}/freezes", async (Guid id, FreezeBody? body, HttpContext http, ProtectionService protection,
                TimeProvider time, CancellationToken cancellationToken) =>
            {
                var current = http.CurrentSession();
                if (current.User.Role != UserRole.Operator)
                {
                    return Problems.From(ProtectionErrors.OperatorOnly());
                }

                var result = await protection.FreezeAsync(id, body?.Capabilities, body?.Reason, FreezeSource.Operator, Actors.User(current.User.Id),
                    http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess
                    ? Results.Created($"/api/v1/admin/users/{id:D}/freezes/{result.Value.Id:D}", FreezeView.From(result.Value, time.GetUtcNow()))
                    : Problems.From(result.Error);
            })
            .WithName("OperatorSetFreeze")
            .RequireOperation(Operations.OperatorFreezeSet, Describe)
            .WithSummary("Operators: freeze a user's capabilities")
            .Accepts<FreezeBody>("application/json")
            .Produces<FreezeView>(StatusCodes.Status201Created);

        authenticated.MapPost("/admin/users/{id:guid}/freezes/{freezeId:guid}/lift", async (Guid id, Guid freezeId, HttpContext http,
                ProtectionService protection, TimeProvider time, CancellationToken cancellationToken) =>
            {
                var current = http.CurrentSession();
                if (current.User.Role != UserRole.Operator)
                {
                    return Problems.From(ProtectionErrors.OperatorOnly());
                }

                var result = await protection.LiftNowAsync(id, freezeId, Actors.User(current.User.Id), http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess ? TypedResults.Ok(FreezeView.From(result.Value, time.GetUtcNow())) : Problems.From(result.Error);
            })
            .WithName("OperatorLiftFreeze")
            .RequireOperation(Operations.OperatorFreezeLift)
            .WithSummary("Operators: lift a user's freeze at once");
    }

    /// <summary>
    /// The <c>capability</c> attribute of a lift: what the user's freeze being lifted covers, so that a rule can treat lifting a
    /// withdrawals freeze differently from lifting a trading one. Another user's or an unknown freeze has none (the endpoint
    /// then answers 404).
    /// </summary>
    private static async ValueTask<OperationRequest> DescribeLiftAsync(EndpointFilterInvocationContext context, OperationRequest request)
    {
        var id = context.Arguments.OfType<Guid>().FirstOrDefault();
        var protection = context.HttpContext.RequestServices.GetRequiredService<ProtectionService>();
        var freezes = await protection.ListFreezesAsync(request.UserId, context.HttpContext.RequestAborted);
        return freezes.FirstOrDefault(f => f.Id == id) is { } freeze ? request with { Capability = Capabilities.Name(freeze.Capabilities) } : request;
    }

    /// <summary>The request's <c>capability</c> attribute: the capabilities named in the body, when they are valid.</summary>
    private static OperationRequest Describe(EndpointFilterInvocationContext context, OperationRequest request)
    {
        var body = context.Arguments.OfType<FreezeBody>().FirstOrDefault();
        var parsed = ProtectionService.ParseCapabilities(body?.Capabilities);
        return parsed.IsSuccess ? request with { Capability = Capabilities.Name(parsed.Value) } : request;
    }
}
