using System.Globalization;
using Portcullis.Core.Audit;
using Portcullis.Core.Holds;
using Portcullis.Core.Policy;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Api.Holds;

/// <summary>Operations held for approval (docs/holds.md): poll one, or cancel it.</summary>
internal static class OperationEndpoints
{
    public static void Map(RouteGroupBuilder authenticated)
    {
        authenticated.MapGet("/operations/{id:guid}", async (Guid id, string? wait, HttpContext http, HeldOperationService holds,
                CancellationToken cancellationToken) =>
            {
                var seconds = 0;
                if (wait is not null && (!int.TryParse(wait, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) ||
                    seconds > HeldOperationService.MaxWait.TotalSeconds))
                {
                    return Problems.Invalid(new Dictionary<string, string[]>
                    {
                        ["wait"] = [$"Seconds to wait for a decision, 0–{HeldOperationService.MaxWait.TotalSeconds:0}."],
                    });
                }

                var result = await holds.GetAsync(http.CurrentSession().User.Id, id, TimeSpan.FromSeconds(seconds), cancellationToken);
                return result.IsSuccess ? TypedResults.Ok(HeldOperationView.From(result.Value)) : Problems.From(result.Error);
            })
            .WithName("GetHeldOperation")
            .RequireOperation(Operations.OperationRead)
            .WithSummary("A held operation's status; wait=N (≤ 30) long-polls until it is decided")
            .Produces<HeldOperationView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        authenticated.MapDelete("/operations/{id:guid}", async (Guid id, HttpContext http, HeldOperationService holds, CancellationToken cancellationToken) =>
            {
                var current = http.CurrentSession();
                var result = await holds.CancelAsync(current.User.Id, id, Actors.Session(current.Session.Id), http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess ? TypedResults.Ok(HeldOperationView.From(result.Value)) : Problems.From(result.Error);
            })
            .WithName("CancelHeldOperation")
            .RequireOperation(Operations.OperationCancel)
            .WithSummary("Cancel a pending held operation: its approvals are withdrawn from the authenticators")
            .Produces<HeldOperationView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
