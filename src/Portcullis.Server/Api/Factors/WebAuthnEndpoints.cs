using System.Text.Json;
using Portcullis.Core.Factors;
using Portcullis.Core.Factors.WebAuthn;
using Portcullis.Core.SignIn;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;
using Portcullis.Core.Policy;

namespace Portcullis.Server.Api.Factors;

/// <summary>
/// Security keys and passkeys: registration (options, then the browser's credential) and the sign-in / step-up
/// step (options for a flow, then the browser's assertion). Options are passed through as the standard
/// WebAuthn JSON, so a browser can hand them to <c>PublicKeyCredential.parseCreationOptionsFromJSON()</c>.
/// </summary>
internal static class WebAuthnEndpoints
{
    public static void Map(RouteGroupBuilder api, RouteGroupBuilder authenticated)
    {
        authenticated.MapPost("/factors/webauthn/options", async (NameBody? body, HttpContext http, WebAuthnService webauthn,
                CancellationToken cancellationToken) =>
            {
                var result = await webauthn.BeginRegistrationAsync(http.CurrentSession(), body?.Name, http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess
                    ? TypedResults.Ok(new WebAuthnRegistrationOptionsResponse(result.Value.ChallengeId, Json(result.Value.OptionsJson), result.Value.ExpiresAt))
                    : Problems.From(result.Error);
            })
            .WithName("BeginWebAuthnRegistration")
            .RequireOperation(Operations.FactorEnroll, static (_, r) => r with { FactorKind = "webauthn" })
            .WithSummary("Start registering a security key or passkey: options for navigator.credentials.create()")
            .Accepts<NameBody>("application/json")
            .Produces<WebAuthnRegistrationOptionsResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AllowDuringFactorEnrollment();

        authenticated.MapPost("/factors/webauthn", async (WebAuthnRegistrationBody? body, HttpContext http, WebAuthnService webauthn,
                CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors();
                if (body?.ChallengeId is null)
                {
                    errors.Required("challenge_id", null);
                }

                if (body?.Credential is not { ValueKind: not JsonValueKind.Null })
                {
                    errors.Required("credential", null);
                }

                if (errors.Any)
                {
                    return Problems.Invalid(errors.All);
                }

                var result = await webauthn.CompleteRegistrationAsync(http.CurrentSession(), body!.ChallengeId!.Value, body.Credential!.Value.GetRawText(),
                    body.Name, http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess ? TypedResults.Ok(FactorView.From(result.Value)) : Problems.From(result.Error);
            })
            .WithName("CompleteWebAuthnRegistration")
            .RequireOperation(Operations.FactorEnroll, static (_, r) => r with { FactorKind = "webauthn" })
            .WithSummary("Finish registering a security key or passkey with the browser's credential")
            .Accepts<WebAuthnRegistrationBody>("application/json")
            .Produces<FactorView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .AllowDuringFactorEnrollment();

        api.MapPost("/sign-in/webauthn/options", async (FlowBody? body, SignInFlowService flows, WebAuthnService webauthn,
                CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors().Required("flow", body?.Flow);
                if (errors.Any)
                {
                    return Problems.Invalid(errors.All);
                }

                var result = await flows.PrepareAsync(body!.Flow, webauthn.BeginAssertionAsync, cancellationToken);
                return result.IsSuccess
                    ? TypedResults.Ok(new WebAuthnAssertionOptionsResponse(Json(result.Value.OptionsJson), result.Value.ExpiresAt))
                    : Problems.From(result.Error);
            })
            .WithName("BeginWebAuthnSignIn")
            .OutsidePolicy("sign-in step: no session yet")
            .WithSummary("Options for navigator.credentials.get() in a sign-in or step-up flow (each use replaces the last)")
            .Accepts<FlowBody>("application/json")
            .Produces<WebAuthnAssertionOptionsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapPost("/sign-in/webauthn", async (WebAuthnAssertionBody? body, HttpContext http, SignInFlowService flows, WebAuthnService webauthn,
                CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors().Required("flow", body?.Flow);
                if (body?.Credential is not { ValueKind: not JsonValueKind.Null })
                {
                    errors.Required("credential", null);
                }

                if (errors.Any)
                {
                    return Problems.Invalid(errors.All);
                }

                var credential = body!.Credential!.Value.GetRawText();
                var result = await flows.ProveAsync(body.Flow, FactorKind.WebAuthn, (context, ct) => webauthn.VerifyAssertionAsync(context, credential, ct),
                    cancellationToken);
                return SignInResults.From(http, result);
            })
            .WithName("SignInWithWebAuthn")
            .OutsidePolicy("sign-in step: no session yet")
            .WithSummary("Finish a sign-in or step-up flow with a security key or passkey assertion")
            .Accepts<WebAuthnAssertionBody>("application/json")
            .Produces<SignInResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>Fido2's options JSON, passed through untouched (camelCase, as browsers expect), not re-cased.</summary>
    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
