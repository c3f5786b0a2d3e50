using Portcullis.Core.Results;
using Portcullis.Core.Sessions;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;

namespace Portcullis.Server.Api;

/// <summary>Answers for operations that gave the session a new token.</summary>
internal static class TokenResults
{
    public static async Task<IResult> RotatedAsync(HttpContext http, SessionService sessions, SessionContext current,
        Result<string> result, CancellationToken cancellationToken)
    {
        if (!result.IsSuccess)
        {
            return Problems.From(result.Error);
        }

        var rotated = await sessions.AuthenticateAsync(result.Value, cancellationToken);
        if (rotated is null)
        {
            return Problems.Of(ProblemCatalog.AuthRequired, "The session ended.");
        }

        var browser = current.Session.Client == SessionClient.Browser;
        if (browser)
        {
            SessionCookies.SetSession(http.Response, result.Value);
        }

        return TypedResults.Ok(new TokenResponse(SessionView.From(rotated.Session, rotated.Session.Id), browser ? null : result.Value));
    }
}
