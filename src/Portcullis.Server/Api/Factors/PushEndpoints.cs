using Portcullis.Core.Factors;
using Portcullis.Core.Factors.Push;
using Portcullis.Core.Policy;
using Portcullis.Core.SignIn;
using Portcullis.Server.Api.Authenticators;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Api.Factors;

/// <summary>
/// Push approvals: an enrolment code for a new authenticator (authenticated), and the sign-in / step-up steps by
/// flow handle: send a push, finish with its approval, or finish with the authenticator's offline code.
/// </summary>
internal static class PushEndpoints
{
    private const int MaxCompleteWaitSeconds = 25;

    /// <summary>
    /// The gate's address and the link (and QR code content) an authenticator app takes to enrol with <paramref name="code"/>;
    /// the portal's sign-in factors page shows the same.
    /// </summary>
    internal static (string Server, string Uri) EnrollmentLink(HttpRequest request, string code)
    {
        var server = $"{request.Scheme}://{request.Host}{request.PathBase}";
        return (server, $"portcullis-authenticator://enrol?server={Uri.EscapeDataString(server)}&code={Uri.EscapeDataString(code)}");
    }

    public static void Map(RouteGroupBuilder api, RouteGroupBuilder authenticated)
    {
        authenticated.MapPost("/factors/push/enrollment", async (HttpContext http, AuthenticatorEnrollmentService enrolment,
                CancellationToken cancellationToken) =>
            {
                var result = await enrolment.BeginAsync(http.CurrentSession(), http.ClientIp()?.ToString(), cancellationToken);
                if (!result.IsSuccess)
                {
                    return Problems.From(result.Error);
                }

                var (server, uri) = EnrollmentLink(http.Request, result.Value.Code);
                var (svg, png) = QrCodes.Render(uri);
                return TypedResults.Ok(new PushEnrollmentResponse(result.Value.Code, result.Value.ExpiresAt, server, uri, svg, png));
            })
            .WithName("StartAuthenticatorEnrollment")
            .RequireOperation(Operations.FactorEnroll, static (_, r) => r with { FactorKind = "push" })
            .WithSummary("Get a one-time code (and QR code) to enrol an authenticator device; needs a fresh proof")
            .Produces<PushEnrollmentResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AllowDuringFactorEnrollment();

        api.MapPost("/sign-in/push", async (FlowBody? body, PushService push, CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors().Required("flow", body?.Flow);
                if (errors.Any)
                {
                    return Problems.Invalid(errors.All);
                }

                var result = await push.SendAsync(body!.Flow, body.FactorId, cancellationToken);
                if (!result.IsSuccess)
                {
                    return Problems.From(result.Error);
                }

                var c = result.Value.Challenge;
                return TypedResults.Ok(new PushSentResponse(c.Id, c.Number, c.ExpiresAt, c.FactorId, result.Value.DeviceName));
            })
            .WithName("SendPush")
            .OutsidePolicy("sign-in step: no session yet")
            .WithSummary("Send a number-matched push to the user's authenticator; show the number it answers")
            .WithDescription("Asking again while this flow's push is pending sends the same push. A user has at most " +
                "Factors:Push:MaxPending unanswered pushes (429 factor.challenge_pending); denied or wrongly answered pushes " +
                "add growing delays that asking again does not reset (429 factor.throttled).")
            .Accepts<FlowBody>("application/json")
            .Produces<PushSentResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/sign-in/push/complete", async (PushCompleteBody? body, HttpContext http, PushService push, CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors().Required("flow", body?.Flow);
                if (errors.Any)
                {
                    return Problems.Invalid(errors.All);
                }

                var wait = TimeSpan.FromSeconds(Math.Clamp(body!.Wait ?? 0, 0, MaxCompleteWaitSeconds));
                var result = await push.CompleteAsync(body.Flow, wait, cancellationToken);
                return SignInResults.From(http, result);
            })
            .WithName("CompletePush")
            .OutsidePolicy("sign-in step: no session yet")
            .WithSummary("Finish a sign-in or step-up flow once its push was approved")
            .WithDescription("409 push.pending while unanswered (wait up to 25 s with \"wait\"); 403 push.denied when the user " +
                "denied it (the flow has failed); 410 push.expired; 401 push.failed after a wrong number.")
            .Accepts<PushCompleteBody>("application/json")
            .Produces<SignInResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);

        api.MapPost("/sign-in/offline-code", async (FlowStepBody? body, HttpContext http, SignInFlowService flows, PushService push,
                CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors().Required("flow", body?.Flow).Required("code", body?.Code);
                if (errors.Any)
                {
                    return Problems.Invalid(errors.All);
                }

                var result = await flows.ProveAsync(body!.Flow, FactorKind.Push,
                    (context, ct) => push.VerifyOfflineCodeAsync(context, body.Code, ct), cancellationToken);
                return SignInResults.From(http, result);
            })
            .WithName("SignInWithOfflineCode")
            .OutsidePolicy("sign-in step: no session yet")
            .WithSummary("Finish a sign-in or step-up flow with an authenticator's offline code (when a push cannot reach it)")
            .Accepts<FlowStepBody>("application/json")
            .Produces<SignInResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
