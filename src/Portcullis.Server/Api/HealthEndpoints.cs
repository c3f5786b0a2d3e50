using Portcullis.Core.Persistence;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Api;

/// <summary>Liveness (the process answers) and readiness (the database answers and is migrated).</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => TypedResults.Ok(new { status = "live" }))
            .WithName("Live")
            .OutsidePolicy("health probe").WithTags("Health");

        app.MapGet("/health/ready", async (IGateStore store, CancellationToken cancellationToken) =>
                await store.IsReadyAsync(cancellationToken)
                    ? Results.Ok(new { status = "ready", storage = store.Provider })
                    : Problems.Of(ProblemCatalog.ServerNotReady, "The database is unreachable or not migrated."))
            .WithName("Ready")
            .OutsidePolicy("health probe").WithTags("Health");
    }
}
