using Portcullis.Core.Sessions;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;
using Portcullis.Core.Policy;

namespace Portcullis.Server.Api;

/// <summary>Listing and revoking one's own sessions.</summary>
internal static class SessionEndpoints
{
    public static void Map(RouteGroupBuilder authenticated)
    {
        authenticated.MapGet("/session", (HttpContext http) =>
            {
                var current = http.CurrentSession();
                return TypedResults.Ok(SessionView.From(current.Session, current.Session.Id));
            })
            .WithName("GetCurrentSession")
            .RequireOperation(Operations.SessionRead)
            .WithSummary("This session: its expiry and authentication events")
            .AllowDuringPasswordChange();

        authenticated.MapGet("/sessions", async (HttpContext http, SessionService sessions, CancellationToken cancellationToken) =>
            {
                var current = http.CurrentSession();
                var list = await sessions.ListAsync(current.User.Id, cancellationToken);
                return TypedResults.Ok(list.Select(s => SessionView.From(s, current.Session.Id)).ToList());
            })
            .WithName("ListSessions")
            .RequireOperation(Operations.SessionRead)
            .WithSummary("Every active session of the signed-in user");

        authenticated.MapDelete("/sessions/{id:guid}", async (Guid id, HttpContext http, SessionService sessions, CancellationToken cancellationToken) =>
            {
                var current = http.CurrentSession();
                var result = await sessions.RevokeAsync(current, id, http.ClientIp()?.ToString(), cancellationToken);
                if (!result.IsSuccess)
                {
                    return Problems.From(result.Error!);
                }

                if (id == current.Session.Id)
                {
                    SessionCookies.ClearSession(http.Response);
                }

                return TypedResults.NoContent();
            })
            .WithName("RevokeSession")
            .RequireOperation(Operations.SessionRevoke)
            .WithSummary("Revoke one of the user's sessions")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        authenticated.MapDelete("/sessions", async (HttpContext http, SessionService sessions, CancellationToken cancellationToken) =>
            {
                var count = await sessions.RevokeAllAsync(http.CurrentSession(), http.ClientIp()?.ToString(), cancellationToken);
                SessionCookies.ClearSession(http.Response);
                return TypedResults.Ok(new RevokedResponse(count));
            })
            .WithName("SignOutEverywhere")
            .RequireOperation(Operations.SessionRevoke)
            .WithSummary("Sign out everywhere: revoke every session of the user, this one included")
            .AllowDuringPasswordChange();
    }
}
