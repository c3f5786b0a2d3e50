using Portcullis.Core.Factors;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;
using Portcullis.Core.Policy;

namespace Portcullis.Server.Api.Factors;

/// <summary>The signed-in user's factors: list, rename, remove. Each kind's enrolment has its own endpoints.</summary>
internal static class FactorEndpoints
{
    public static void Map(RouteGroupBuilder authenticated)
    {
        authenticated.MapGet("/factors", async (HttpContext http, FactorService factors, CancellationToken cancellationToken) =>
                TypedResults.Ok((await factors.ListAsync(http.CurrentSession().User.Id, cancellationToken)).Select(FactorView.From).ToList()))
            .WithName("ListFactors")
            .RequireOperation(Operations.FactorRead)
            .WithSummary("The user's second factors (pending and active), with their class")
            .AllowDuringFactorEnrollment();

        authenticated.MapPatch("/factors/{id:guid}", async (Guid id, NameBody? body, HttpContext http, FactorService factors,
                CancellationToken cancellationToken) =>
            {
                var result = await factors.RenameAsync(http.CurrentSession(), id, body?.Name, http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess ? TypedResults.Ok(FactorView.From(result.Value)) : Problems.From(result.Error);
            })
            .WithName("RenameFactor")
            .RequireOperation(Operations.FactorRename)
            .WithSummary("Rename a factor")
            .Accepts<NameBody>("application/json");

        authenticated.MapDelete("/factors/{id:guid}", async (Guid id, HttpContext http, FactorService factors, CancellationToken cancellationToken) =>
            {
                var result = await factors.RemoveAsync(http.CurrentSession(), id, http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess ? TypedResults.NoContent() : Problems.From(result.Error!);
            })
            .WithName("RemoveFactor")
            .RequireOperation(Operations.FactorRemove)
            .WithSummary("Remove a factor: needs a fresh second factor; the last strong factor cannot be removed")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
