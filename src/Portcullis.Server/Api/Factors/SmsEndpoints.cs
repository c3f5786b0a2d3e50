using Portcullis.Core.Factors;
using Portcullis.Core.Factors.Sms;
using Portcullis.Core.SignIn;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;
using Portcullis.Core.Policy;

namespace Portcullis.Server.Api.Factors;

/// <summary>
/// SMS codes, a restricted factor: enrolment (authenticated; refused when <c>Factors:Sms:Enabled</c> is false) and
/// the sign-in / step-up step (by flow handle): send a code, then verify it. Every answer that sends a code carries
/// a <c>warning</c> that SMS is the weakest factor.
/// </summary>
internal static class SmsEndpoints
{
    public static void Map(RouteGroupBuilder api, RouteGroupBuilder authenticated)
    {
        authenticated.MapPost("/factors/sms", async (SmsEnrolBody? body, HttpContext http, SmsService sms, CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors().Required("phone", body?.Phone);
                if (errors.Any)
                {
                    return Problems.Invalid(errors.All);
                }

                var result = await sms.BeginEnrolmentAsync(http.CurrentSession(), body!.Phone, body.Name, http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess ? TypedResults.Ok(SmsCodeSentResponse.From(result.Value)) : Problems.From(result.Error);
            })
            .WithName("EnrolSms")
            .RequireOperation(Operations.FactorEnroll, static (_, r) => r with { FactorKind = "sms" })
            .WithSummary("Start enrolling a phone for SMS codes (the weakest factor): a code is sent to confirm it")
            .Accepts<SmsEnrolBody>("application/json")
            .Produces<SmsCodeSentResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        authenticated.MapPost("/factors/sms/{id:guid}/confirm", async (Guid id, CodeBody? body, HttpContext http, SmsService sms,
                CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors().Required("code", body?.Code);
                if (errors.Any)
                {
                    return Problems.Invalid(errors.All);
                }

                var result = await sms.ConfirmAsync(http.CurrentSession(), id, body!.Code, http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess ? TypedResults.Ok(FactorView.From(result.Value)) : Problems.From(result.Error);
            })
            .WithName("ConfirmSms")
            .RequireOperation(Operations.FactorEnroll, static (_, r) => r with { FactorKind = "sms" })
            .WithSummary("Activate a phone with the code sent to it")
            .Accepts<CodeBody>("application/json")
            .Produces<FactorView>();

        api.MapPost("/sign-in/sms", async (FlowBody? body, SmsService sms, CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors().Required("flow", body?.Flow);
                if (errors.Any)
                {
                    return Problems.Invalid(errors.All);
                }

                var result = await sms.SendFlowCodeAsync(body!.Flow, body.FactorId, cancellationToken);
                return result.IsSuccess ? TypedResults.Ok(SmsCodeSentResponse.From(result.Value)) : Problems.From(result.Error);
            })
            .WithName("SendSignInSms")
            .OutsidePolicy("sign-in step: no session yet")
            .WithSummary("Send an SMS code for a sign-in or step-up flow (to factor_id, or the oldest phone)")
            .Accepts<FlowBody>("application/json")
            .Produces<SmsCodeSentResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/sign-in/sms/verify", async (FlowStepBody? body, HttpContext http, SignInFlowService flows, SmsService sms,
                CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors().Required("flow", body?.Flow).Required("code", body?.Code);
                if (errors.Any)
                {
                    return Problems.Invalid(errors.All);
                }

                var result = await flows.ProveAsync(body!.Flow, FactorKind.Sms, (context, ct) => sms.VerifyAsync(context, body.Code, ct), cancellationToken);
                return SignInResults.From(http, result);
            })
            .WithName("SignInWithSms")
            .OutsidePolicy("sign-in step: no session yet")
            .WithSummary("Finish a sign-in or step-up flow with the SMS code sent to it")
            .Accepts<FlowStepBody>("application/json")
            .Produces<SignInResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>A phone number to enrol, in E.164 form, and an optional name for it.</summary>
    public sealed record SmsEnrolBody(string? Phone, string? Name)
    {
        public override string ToString() => "SmsEnrolBody { }";
    }

    /// <summary>A code was sent: to which factor (its number masked), until when, and why SMS is the weakest factor.</summary>
    public sealed record SmsCodeSentResponse(FactorView Factor, DateTimeOffset ExpiresAt, string Warning)
    {
        public static SmsCodeSentResponse From(SmsCodeSent sent) => new(FactorView.From(sent.Factor), sent.ExpiresAt, SmsService.Warning);
    }
}
