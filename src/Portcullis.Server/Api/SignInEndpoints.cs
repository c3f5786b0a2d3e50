using Portcullis.Core.Sessions;
using Portcullis.Core.SignIn;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;
using Portcullis.Core.Policy;

namespace Portcullis.Server.Api;

/// <summary>Password sign-in, re-authentication and sign-out.</summary>
internal static class SignInEndpoints
{
    public static void Map(RouteGroupBuilder api, RouteGroupBuilder authenticated)
    {
        api.MapPost("/sign-in", SignInAsync)
            .WithName("SignIn")
            .OutsidePolicy("sign-in: no session yet")
            .WithSummary("Sign in with username and password")
            .WithDescription("Unknown usernames, wrong passwords and disabled accounts get the same 401. " +
                "Repeated failures add growing delays (429 with Retry-After); a full hashing queue also answers 429.")
            .Accepts<SignInBody>("application/json")
            .Produces<SignInResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        authenticated.MapPost("/sign-out", SignOutAsync)
            .WithName("SignOut")
            .RequireOperation(Operations.SessionRevoke)
            .WithSummary("End this session")
            .AllowDuringPasswordChange()
            .Produces(StatusCodes.Status204NoContent);

        authenticated.MapPost("/session/step-up", StepUpAsync)
            .WithName("StepUp")
            .RequireOperation(Operations.SessionStepUp)
            .WithSummary("Start proving a second factor again within this session (needed before changing factors)")
            .WithDescription("Answers a flow; finish it with any of its factors' sign-in steps. The session then records " +
                "the fresh proof and gets a new token.")
            .Produces<FlowView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .AllowDuringFactorEnrollment();

        authenticated.MapPost("/session/reauthenticate", ReauthenticateAsync)
            .WithName("Reauthenticate")
            .RequireOperation(Operations.SessionReauthenticate)
            .WithSummary("Prove the password again; the session gets a new token")
            .Accepts<PasswordBody>("application/json")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> SignInAsync(SignInBody? body, HttpContext http, SignInService signIn, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Required("username", body?.Username).Required("password", body?.Password);
        if (errors.Any)
        {
            return Problems.Invalid(errors.All);
        }

        var client = body!.Client ?? SessionClient.Native;
        var deviceToken = client == SessionClient.Browser
            ? http.Request.Cookies[SessionCookies.Device]
            : body.DeviceToken;
        var result = await signIn.SignInAsync(
            new SignInRequest(body.Username, body.Password, client, deviceToken, body.DeviceName, http.ClientIp(),
                http.Request.Headers.UserAgent.ToString()),
            cancellationToken);
        return result.IsSuccess ? SignInResults.From(http, result.Value) : Problems.From(result.Error);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, SessionService sessions, CancellationToken cancellationToken)
    {
        var current = http.CurrentSession();
        await sessions.RevokeAsync(current, current.Session.Id, http.ClientIp()?.ToString(), cancellationToken);
        SessionCookies.ClearSession(http.Response);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> StepUpAsync(HttpContext http, SignInFlowService flows, CancellationToken cancellationToken)
    {
        var result = await flows.StartStepUpAsync(http.CurrentSession(), http.ClientIp()?.ToString(), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(SignInResults.Flow(result.Value)) : Problems.From(result.Error);
    }

    private static async Task<IResult> ReauthenticateAsync(PasswordBody? body, HttpContext http, SignInService signIn,
        SessionService sessions, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Required("password", body?.Password);
        if (errors.Any)
        {
            return Problems.Invalid(errors.All);
        }

        var current = http.CurrentSession();
        var result = await signIn.ReauthenticateAsync(current, body!.Password, http.ClientIp(), cancellationToken);
        return await TokenResults.RotatedAsync(http, sessions, current, result, cancellationToken);
    }
}
