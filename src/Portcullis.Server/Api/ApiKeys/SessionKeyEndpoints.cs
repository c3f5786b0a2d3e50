using Portcullis.Core.ApiKeys;
using Portcullis.Core.Policy;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Auth.ApiKeys;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Api.ApiKeys;

/// <summary>
/// Session keys (docs/api-keys.md, "Session keys"): a bot signs one request with its API key and receives a short-lived
/// <c>hmac-sha256</c> key bound to its address, with which it signs the next requests.
/// </summary>
internal static class SessionKeyEndpoints
{
    public static void Map(RouteGroupBuilder authenticated)
    {
        authenticated.MapPost("/api-keys/session-keys", async (HttpContext http, SessionKeyService sessionKeys, SignedRequestAuthenticator signed,
                TimeProvider time, CancellationToken cancellationToken) =>
            {
                // Only a request signed with the API key itself: a session key cannot extend itself, and a person has no use for one.
                if (http.CurrentApiKey() is not { SessionKeyId: null } keyed)
                {
                    if (http.CurrentApiKey() is { } bySessionKey)
                    {
                        await signed.CountDenialAsync(http, bySessionKey, ApiKeyRequestErrors.SessionKeyNotAllowedCode);
                    }

                    return Problems.From(ApiKeyRequestErrors.SessionKeyNotAllowed());
                }

                var issued = await sessionKeys.IssueAsync(keyed.Key.Id, http.ClientIp(), cancellationToken);
                if (!issued.IsSuccess)
                {
                    return Problems.From(issued.Error);
                }

                var session = issued.Value.SessionKey;
                var expiresIn = (long)Math.Floor((session.ExpiresAt - time.GetUtcNow()).TotalSeconds);
                http.Response.Headers.CacheControl = "no-store";
                return Results.Created((string?)null, new SessionKeyView(session.KeyId, ApiKeyAlgorithms.HmacSha256, issued.Value.Secret, session.ExpiresAt,
                    Math.Max(0, expiresIn), session.ApiKeyId, session.BoundIp));
            })
            .WithName("CreateSessionKey")
            .RequireOperation(Operations.ApiKeySessionKeyCreate)
            .AllowApiKey()
            .WithSummary("Signed with an API key: a session key (hmac-sha256, at most 15 minutes, bound to this address and the key's scopes), its secret shown once")
            .Produces<SessionKeyView>(StatusCodes.Status201Created);
    }
}
