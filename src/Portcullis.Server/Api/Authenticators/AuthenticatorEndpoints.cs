using System.Buffers.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Portcullis.Core.Factors.Push;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Api.Authenticators;

/// <summary>Endpoints called by authenticator devices themselves (enrolment by code, challenges, answers).</summary>
internal static class AuthenticatorEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/authenticators", async (AuthenticatorEnrollmentBody? body, HttpContext http, AuthenticatorEnrollmentService enrolment,
                CancellationToken cancellationToken) =>
            {
                var result = await enrolment.EnrolAsync(
                    new AuthenticatorEnrollmentRequest(body?.Code, body?.Name, body?.Platform, body?.SigningKey, body?.AgreementKey),
                    http.ClientIp()?.ToString(), cancellationToken);
                if (!result.IsSuccess)
                {
                    return Problems.From(result.Error);
                }

                var enrolled = result.Value;
                return TypedResults.Ok(new AuthenticatorEnrolledResponse(enrolled.Device.Id, enrolled.Factor.Id, enrolled.Device.Name,
                    Base64Url.EncodeToString(enrolled.GateAgreementKey),
                    new OfflineCodeView(PushProtocol.OfflineDigits, PushProtocol.OfflinePeriodSeconds, PushProtocol.OfflineAlgorithm)));
            })
            .WithName("EnrolAuthenticator")
            .OutsidePolicy("the authenticator device protocol: a one-time enrolment code, then requests signed by the device key")
            .WithSummary("Enrol this device as an authenticator with a one-time code (no session: the code is the credential)")
            .Accepts<AuthenticatorEnrollmentBody>("application/json")
            .Produces<AuthenticatorEnrolledResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        var device = api.MapGroup("/authenticators/me").AddEndpointFilter<DeviceSignatureFilter>();

        device.MapGet("/challenges", async (HttpContext http, AuthenticatorService authenticators, IHostApplicationLifetime lifetime,
                CancellationToken cancellationToken) =>
            {
                var current = http.Features.GetRequiredFeature<DeviceRequestFeature>().Device;
                var wait = int.TryParse(http.Request.Query["wait"], out var seconds) ? Math.Clamp(seconds, 0, (int)AuthenticatorService.MaxWait.TotalSeconds) : 0;
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
                IReadOnlyList<PushChallenge> pending;
                try
                {
                    pending = await authenticators.WaitForChallengesAsync(current, TimeSpan.FromSeconds(wait), stop.Token);
                }
                catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    pending = [];
                }

                return TypedResults.Ok(new PushChallengeList(pending.Select(PushChallengeView.From).ToList()));
            })
            .WithName("ListAuthenticatorChallenges")
            .OutsidePolicy("the authenticator device protocol: a one-time enrolment code, then requests signed by the device key")
            .WithSummary("Pending pushes for this authenticator; ?wait=N (up to 30) holds the request until one arrives")
            .WithDescription("Signed with the device key: Authorization: PortcullisDevice device=\"…\", ts=\"…\", sig=\"…\".")
            .Produces<PushChallengeList>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        device.MapPost("/challenges/{id:guid}", async (Guid id, HttpContext http, AuthenticatorService authenticators, CancellationToken cancellationToken) =>
            {
                var feature = http.Features.GetRequiredFeature<DeviceRequestFeature>();
                PushAnswerBody? body;
                try
                {
                    body = feature.Body.Length == 0 ? null : JsonSerializer.Deserialize<PushAnswerBody>(feature.Body, JsonDefaults.Options);
                }
                catch (JsonException)
                {
                    return Problems.Of(ProblemCatalog.RequestMalformedJson, "The request body could not be read as JSON of the expected shape.");
                }

                if (body is null)
                {
                    return Problems.Of(ProblemCatalog.RequestInvalid, "A JSON body is required.");
                }

                var result = await authenticators.AnswerAsync(feature.Device, id, new PushAnswer(body.Decision, body.Number, body.Signature),
                    http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess
                    ? TypedResults.Ok(new PushAnswerResponse(result.Value.Id, result.Value.Status.ToString().ToLowerInvariant()))
                    : Problems.From(result.Error);
            })
            .WithName("AnswerAuthenticatorChallenge")
            .OutsidePolicy("the authenticator device protocol: a one-time enrolment code, then requests signed by the device key")
            .WithSummary("Approve (with the number picked) or deny a push, signed with the device key")
            .Accepts<PushAnswerBody>("application/json")
            .Produces<PushAnswerResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
