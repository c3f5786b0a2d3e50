using Portcullis.Core.Factors.RecoveryCodes;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;
using Portcullis.Core.Policy;

namespace Portcullis.Server.Api.Factors;

/// <summary>
/// Recovery codes: generate a set (shown once), read how many are left, and finish a sign-in or step-up flow with
/// one. A session opened with a recovery code must enrol a new factor before anything else.
/// </summary>
internal static class RecoveryCodeEndpoints
{
    public const string Warning =
        "These codes are shown once. Store them offline (printed, or in a password manager); each works once, " +
        "and generating a new set invalidates these.";

    public static void Map(RouteGroupBuilder api, RouteGroupBuilder authenticated)
    {
        authenticated.MapPost("/factors/recovery-codes", async (HttpContext http, RecoveryCodeService recovery, CancellationToken cancellationToken) =>
            {
                var result = await recovery.GenerateAsync(http.CurrentSession(), http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess
                    ? TypedResults.Ok(new RecoveryCodesGeneratedResponse(result.Value.Codes, result.Value.GeneratedAt, result.Value.Codes.Count,
                        result.Value.Invalidated, FactorView.From(result.Value.Factor), Warning))
                    : Problems.From(result.Error);
            })
            .WithName("GenerateRecoveryCodes")
            .RequireOperation(Operations.RecoveryCodesGenerate, static (_, r) => r with { FactorKind = "recovery_codes" })
            .WithSummary("Generate 10 new recovery codes, shown once; the previous set stops working")
            .Produces<RecoveryCodesGeneratedResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        authenticated.MapGet("/factors/recovery-codes", async (HttpContext http, RecoveryCodeService recovery, CancellationToken cancellationToken) =>
            {
                var status = await recovery.GetStatusAsync(http.CurrentSession().User.Id, cancellationToken);
                return TypedResults.Ok(new RecoveryCodeStatusResponse(status.Remaining, status.GeneratedAt));
            })
            .WithName("RecoveryCodeStatus")
            .RequireOperation(Operations.FactorRead)
            .WithSummary("How many recovery codes are left (never the codes)")
            .Produces<RecoveryCodeStatusResponse>()
            .AllowDuringFactorEnrollment();

        api.MapPost("/sign-in/recovery-code", async (FlowStepBody? body, HttpContext http, RecoveryCodeService recovery,
                CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors().Required("flow", body?.Flow).Required("code", body?.Code);
                if (errors.Any)
                {
                    return Problems.Invalid(errors.All);
                }

                var result = await recovery.SignInAsync(body!.Flow, body.Code, cancellationToken);
                return SignInResults.From(http, result);
            })
            .WithName("SignInWithRecoveryCode")
            .OutsidePolicy("sign-in step: no session yet")
            .WithSummary("Finish a sign-in or step-up flow with a recovery code; the session must then enrol a new factor")
            .Accepts<FlowStepBody>("application/json")
            .Produces<SignInResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>A new set: the codes in plain text, this once.</summary>
    public sealed record RecoveryCodesGeneratedResponse(
        IReadOnlyList<string> Codes,
        DateTimeOffset GeneratedAt,
        int Remaining,
        int Invalidated,
        FactorView Factor,
        string Warning)
    {
        public override string ToString() => $"RecoveryCodesGeneratedResponse {{ Remaining = {Remaining} }}";
    }

    /// <summary>How many codes are left and when the set was generated.</summary>
    public sealed record RecoveryCodeStatusResponse(int Remaining, DateTimeOffset? GeneratedAt);
}
