using Portcullis.Core.Results;
using Portcullis.Core.Sessions;
using Portcullis.Core.SignIn;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;

namespace Portcullis.Server.Api;

/// <summary>Turns sign-in outcomes into HTTP answers: sessions (with cookies for browsers) or flows to finish.</summary>
internal static class SignInResults
{
    public static IResult From(HttpContext http, SignInOutcome outcome)
    {
        if (outcome.SecondFactor is { } started)
        {
            return TypedResults.Ok(new SignInResponse(SignInResponse.SecondFactorRequired, null, null, null, null, null, Flow(started)));
        }

        var s = outcome.Session!;
        return Session(http, s.User, s.Session, s.SessionToken, s.Device, s.NewDeviceToken);
    }

    /// <summary>The answer to a flow step that proved the flow: a new session, or a stepped-up one.</summary>
    public static IResult From(HttpContext http, Result<FlowCompletion> result)
    {
        if (!result.IsSuccess)
        {
            return Problems.From(result.Error);
        }

        var c = result.Value;
        if (c.Purpose == SignInFlowPurpose.StepUp)
        {
            var browser = c.Session.Client == SessionClient.Browser;
            if (browser)
            {
                SessionCookies.SetSession(http.Response, c.SessionToken);
            }

            return TypedResults.Ok(new TokenResponse(SessionView.From(c.Session, c.Session.Id), browser ? null : c.SessionToken));
        }

        return Session(http, c.User, c.Session, c.SessionToken, c.Device!, c.NewDeviceToken);
    }

    public static FlowView Flow(FlowStarted started) => new(
        started.Handle,
        started.Flow.Purpose == SignInFlowPurpose.StepUp ? "step_up" : "sign_in",
        started.Flow.ExpiresAt,
        started.Factors.Select(FactorView.From).ToList());

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<SignInResponse> Session(HttpContext http, Core.Users.User user, Session session, string token, Core.Devices.Device device, string? newDeviceToken)
    {
        var browser = session.Client == SessionClient.Browser;
        if (browser)
        {
            SessionCookies.SetSession(http.Response, token);
            if (newDeviceToken is not null)
            {
                SessionCookies.SetDevice(http.Response, newDeviceToken);
            }
        }

        return TypedResults.Ok(new SignInResponse(
            SignInResponse.SignedIn,
            UserView.From(user),
            SessionView.From(session, session.Id),
            new DeviceView(device.Id, device.Name, device.Kind, newDeviceToken is not null),
            browser ? null : token,
            browser ? null : newDeviceToken,
            null));
    }
}
