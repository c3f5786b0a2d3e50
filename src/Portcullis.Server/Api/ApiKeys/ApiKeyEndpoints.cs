using Portcullis.Core.ApiKeys;
using Portcullis.Core.Audit;
using Portcullis.Core.Policy;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Api.ApiKeys;

/// <summary>The user's API keys (docs/api-keys.md): create (tier 1), list, show, rotate (tier 1), revoke (always allowed).</summary>
internal static class ApiKeyEndpoints
{
    public static void Map(RouteGroupBuilder authenticated)
    {
        authenticated.MapGet("/api-keys", async (HttpContext http, ApiKeyService keys, ApiKeyUsageService usage, TimeProvider time,
                CancellationToken cancellationToken) =>
            {
                var now = time.GetUtcNow();
                var list = await keys.ListAsync(http.CurrentSession().User.Id, cancellationToken);
                var summaries = await usage.SummariesAsync(list, cancellationToken);
                return TypedResults.Ok(new { items = list.Select(k => ApiKeyView.From(k, now, summaries[k.Id])).ToList() });
            })
            .WithName("ListApiKeys")
            .RequireOperation(Operations.ApiKeyRead)
            .WithSummary("The user's API keys, newest first: state, scopes, allowlist, expiry and usage (never a secret)");

        authenticated.MapPost("/api-keys", async (ApiKeyBody? body, HttpContext http, ApiKeyService keys, TimeProvider time,
                CancellationToken cancellationToken) =>
            {
                if (body is null)
                {
                    return Problems.Invalid(new Dictionary<string, string[]> { ["body"] = ["Send the key as JSON."] });
                }

                var result = await keys.CreateAsync(http.CurrentSession().User.Id, body.ToRequest(), http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess
                    ? Results.Created($"/api/v1/api-keys/{result.Value.Key.Id:D}",
                        new ApiKeyCreatedView(ApiKeyView.From(result.Value.Key, time.GetUtcNow()), result.Value.Secret))
                    : Problems.From(result.Error);
            })
            .WithName("CreateApiKey")
            .RequireOperation(Operations.ApiKeyCreate)
            .WithSummary("Create an API key from an uploaded public key (ed25519 default, ecdsa-p256-sha256) or, opt-in, an HMAC secret shown once")
            .Accepts<ApiKeyBody>("application/json")
            .Produces<ApiKeyCreatedView>(StatusCodes.Status201Created);

        authenticated.MapGet("/api-keys/{id:guid}", async (Guid id, HttpContext http, ApiKeyService keys, ApiKeyUsageService usage, TimeProvider time,
                CancellationToken cancellationToken) =>
            {
                var result = await keys.FindAsync(http.CurrentSession().User.Id, id, cancellationToken);
                return result.IsSuccess
                    ? TypedResults.Ok(ApiKeyView.From(result.Value, time.GetUtcNow(), await usage.SummaryAsync(result.Value, cancellationToken)))
                    : Problems.From(result.Error);
            })
            .WithName("GetApiKey")
            .RequireOperation(Operations.ApiKeyRead)
            .WithSummary("One API key");

        authenticated.MapGet("/api-keys/{id:guid}/usage", ApiKeyUsageEndpoint.ListAsync)
            .WithName("ListApiKeyUsage")
            .RequireOperation(Operations.ApiKeyRead)
            .WithSummary("The key's usage log, newest first: each signed request with its time, address, path, operation and decision code");

        authenticated.MapPost("/api-keys/{id:guid}/rotate", async (Guid id, RotateApiKeyBody? body, HttpContext http, ApiKeyService keys,
                TimeProvider time, CancellationToken cancellationToken) =>
            {
                var result = await keys.RotateAsync(http.CurrentSession().User.Id, id, body?.PublicKey, body?.OverlapHours,
                    http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess
                    ? Results.Created($"/api/v1/api-keys/{result.Value.Key.Id:D}",
                        new ApiKeyCreatedView(ApiKeyView.From(result.Value.Key, time.GetUtcNow()), result.Value.Secret))
                    : Problems.From(result.Error);
            })
            .WithName("RotateApiKey")
            .RequireOperation(Operations.ApiKeyRotate)
            .WithSummary("Create a successor with the same scopes and a new key; the old key keeps working until the overlap ends")
            .Accepts<RotateApiKeyBody>("application/json")
            .Produces<ApiKeyCreatedView>(StatusCodes.Status201Created);

        authenticated.MapDelete("/api-keys/{id:guid}", async (Guid id, HttpContext http, ApiKeyService keys, ApiKeyUsageService usage, TimeProvider time,
                CancellationToken cancellationToken) =>
            {
                var user = http.CurrentSession().User.Id;
                var result = await keys.RevokeAsync(user, id, Actors.User(user), http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess
                    ? TypedResults.Ok(ApiKeyView.From(result.Value, time.GetUtcNow(), await usage.SummaryAsync(result.Value, cancellationToken)))
                    : Problems.From(result.Error);
            })
            .WithName("RevokeApiKey")
            .RequireOperation(Operations.ApiKeyRevoke)
            .WithSummary("Revoke an API key at once");
    }
}
