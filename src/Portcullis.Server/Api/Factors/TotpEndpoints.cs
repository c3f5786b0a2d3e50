using Portcullis.Core.Factors;
using Portcullis.Core.Factors.Totp;
using Portcullis.Core.SignIn;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;
using Portcullis.Core.Policy;

namespace Portcullis.Server.Api.Factors;

/// <summary>TOTP: enrolment (secret, otpauth URI, QR), confirmation, and the sign-in / step-up step.</summary>
internal static class TotpEndpoints
{
    public static void Map(RouteGroupBuilder api, RouteGroupBuilder authenticated)
    {
        authenticated.MapPost("/factors/totp", async (NameBody? body, HttpContext http, TotpService totp, CancellationToken cancellationToken) =>
            {
                var result = await totp.BeginAsync(http.CurrentSession(), body?.Name, http.ClientIp()?.ToString(), cancellationToken);
                if (!result.IsSuccess)
                {
                    return Problems.From(result.Error);
                }

                var (svg, png) = QrCodes.Render(result.Value.OtpAuthUri);
                return TypedResults.Ok(new TotpEnrollmentResponse(FactorView.From(result.Value.Factor), result.Value.SecretBase32,
                    result.Value.OtpAuthUri, svg, png));
            })
            .WithName("EnrolTotp")
            .RequireOperation(Operations.FactorEnroll, static (_, r) => r with { FactorKind = "totp" })
            .WithSummary("Start enrolling an authenticator app: the secret and QR code are shown once")
            .Produces<TotpEnrollmentResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AllowDuringFactorEnrollment();

        authenticated.MapPost("/factors/totp/{id:guid}/confirm", async (Guid id, CodeBody? body, HttpContext http, TotpService totp,
                FactorService factors, CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors().Required("code", body?.Code);
                if (errors.Any)
                {
                    return Problems.Invalid(errors.All);
                }

                var current = http.CurrentSession();
                var result = await totp.ConfirmAsync(current, id, body!.Code, http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess ? TypedResults.Ok(FactorView.From(result.Value)) : Problems.From(result.Error);
            })
            .WithName("ConfirmTotp")
            .RequireOperation(Operations.FactorEnroll, static (_, r) => r with { FactorKind = "totp" })
            .WithSummary("Activate an authenticator app with its first code")
            .Produces<FactorView>()
            .AllowDuringFactorEnrollment();

        api.MapPost("/sign-in/totp", async (FlowStepBody? body, HttpContext http, SignInFlowService flows, TotpService totp,
                CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors().Required("flow", body?.Flow).Required("code", body?.Code);
                if (errors.Any)
                {
                    return Problems.Invalid(errors.All);
                }

                var result = await flows.ProveAsync(body!.Flow, FactorKind.Totp, (context, ct) => totp.VerifyAsync(context, body.Code, ct), cancellationToken);
                return SignInResults.From(http, result);
            })
            .WithName("SignInWithTotp")
            .OutsidePolicy("sign-in step: no session yet")
            .WithSummary("Finish a sign-in or step-up flow with an authenticator-app code")
            .Accepts<FlowStepBody>("application/json")
            .Produces<SignInResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
