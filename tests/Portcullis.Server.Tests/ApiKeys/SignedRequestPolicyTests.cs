using System.Net;
using System.Text.Json;
using Portcullis.HttpSignatures.Algorithms;
using Portcullis.HttpSignatures.Client;
using Portcullis.Server.Tests.Policy;

namespace Portcullis.Server.Tests.ApiKeys;

/// <summary>The policy decides a signed request with the key as initiator (<c>initiator == api_key</c>), and audits it.</summary>
public sealed class SignedRequestPolicyTests : PolicyFileTests
{
    protected override string Rules => """
          - name: bots-do-not-read-profiles
            operations: [profile.read]
            when: [initiator == api_key]
            decision: deny
            reason: bots_not_here
        """;

    protected override IReadOnlyList<string> OpenOperations => ["*.read", "apikey.*"];

    [Fact]
    public async Task ARuleForApiKeys_DecidesTheSignedRequest_ButNotTheSessions()
    {
        var token = (await Gate.SignInAsync(Client, "alice")).Token();
        using var key = Ed25519HttpKey.Generate();
        var (_, created, _) = await Client.PostJsonAsync("/api/v1/api-keys",
            new { name = "Bot", public_key = Convert.ToBase64String(key.PublicKeyBytes), permissions = new[] { "read" } }, token);
        var keyId = created.GetProperty("key").GetProperty("key_id").GetString()!;
        using var signed = new HttpClient(new SigningHandler(new SigningHandlerOptions { Key = key, KeyId = keyId }, Gate.Time)
        {
            InnerHandler = new SocketsHttpHandler { UseCookies = false },
        })
        { BaseAddress = Gate.BaseAddress };

        using var response = await signed.GetAsync("/api/v1/me");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var (session, _, _) = await Client.GetJsonAsync("/api/v1/me", token);

        Assert.Equal((HttpStatusCode.Forbidden, "policy.bots_not_here"), (response.StatusCode, problem.Code()));
        Assert.Equal(HttpStatusCode.OK, session);
        var decided = (await Gate.ReadAuditAsync()).Single(e => e.Type == "policy.decided" && e.Code == "deny:bots_not_here");
        Assert.Equal($"apikey:{keyId}", decided.Subject);
        Assert.Contains("\"initiator\":\"api_key\"", decided.Data, StringComparison.Ordinal);
    }
}
