using System.Net;
using System.Text.Json.Nodes;
using Portcullis.Client;
using Portcullis.Core.Audit;

namespace Portcullis.Server.Tests.ApiKeys;

/// <summary>
/// The client's <see cref="SessionKeyHandler"/> against a real gate: one session key for many concurrent requests, a new one
/// shortly before it expires, one more try with a new key when the gate says it has expired, and the gate's refusal to issue
/// one returned as the answer.
/// </summary>
public sealed class SessionKeyHandlerTests : SessionKeyTestBase
{
    private HttpClient Bot(HttpMessageHandler? inner = null) => Own(PortcullisHttpClient.Create(Gate.BaseAddress, KeyFile,
        new PortcullisClientOptions { UseSessionKeys = true, TimeProvider = Gate.Time, InnerHandler = inner }));

    private async Task<int> IssuedCountAsync() => (await Gate.ReadAuditAsync()).Count(e => e.Type == AuditEventTypes.ApiKeySessionKeyIssued);

    [Fact]
    public async Task FiftyConcurrentRequests_ShareOneSessionKey_AndANewOneIsIssuedAfterItExpires()
    {
        var bot = Bot();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ => (await SendAsync(bot, HttpMethod.Get, "/api/v1/quotes/AAPL")).Status));
        var afterFirst = await IssuedCountAsync();
        Gate.Time.Advance(TimeSpan.FromMinutes(15));
        var (later, _) = await SendAsync(bot, HttpMethod.Get, "/api/v1/quotes/AAPL");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(1, afterFirst);
        Assert.Equal(HttpStatusCode.OK, later);
        Assert.Equal(2, await IssuedCountAsync());
    }

    [Fact]
    public async Task ASessionKey_IsReplacedWithinAMinuteOfItsExpiry_NotBefore()
    {
        var bot = Bot();
        await SendAsync(bot, HttpMethod.Get, "/api/v1/quotes/AAPL");

        Gate.Time.Advance(TimeSpan.FromMinutes(13));
        await SendAsync(bot, HttpMethod.Get, "/api/v1/quotes/AAPL");
        var atThirteen = await IssuedCountAsync();
        Gate.Time.Advance(TimeSpan.FromSeconds(61));
        var (status, _) = await SendAsync(bot, HttpMethod.Get, "/api/v1/quotes/AAPL");

        Assert.Equal(1, atThirteen);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, await IssuedCountAsync());
    }

    [Fact]
    public async Task WhenTheGateSaysTheSessionKeyExpired_ANewOneSignsTheSameRequestOnceMore()
    {
        // The gate's answer is read as if its key lasted an hour: the client's clock says it is still good when the gate's does not.
        var bot = Bot(new LongerLifetime { InnerHandler = Socket() });
        await SendAsync(bot, HttpMethod.Get, "/api/v1/quotes/AAPL");
        Gate.Time.Advance(TimeSpan.FromMinutes(20));

        var (status, order) = await SendAsync(bot, HttpMethod.Post, Orders, new { symbol = "AAPL", side = "buy", type = "market", quantity = 1 });

        Assert.True(status == HttpStatusCode.Created, order.ToString());
        Assert.Equal(2, await IssuedCountAsync());
        var audit = await Gate.ReadAuditAsync();
        Assert.Single(audit, e => e.Type == AuditEventTypes.ApiKeyRequestRefused && e.Code == "apikey.session_key_expired");
        Assert.Single(audit, e => e.Type == "order.placed");
    }

    [Fact]
    public async Task WhenTheKeyIsRevoked_TheGatesRefusalToIssueIsTheAnswer()
    {
        var bot = Bot();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(bot, HttpMethod.Get, "/api/v1/quotes/AAPL")).Status);
        await Client.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{ApiKeyId}", Session);
        Gate.Time.Advance(TimeSpan.FromMinutes(15));

        var (status, problem) = await SendAsync(bot, HttpMethod.Get, "/api/v1/quotes/AAPL");

        Assert.Equal((HttpStatusCode.Unauthorized, "apikey.key_revoked"), (status, problem.Code()));
    }

    /// <summary>Rewrites the session key answer's <c>expires_in</c> to an hour (the gate's key still lasts 15 minutes).</summary>
    private sealed class LongerLifetime : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath != SessionKeyHandler.IssuePath || response.StatusCode != HttpStatusCode.Created)
            {
                return response;
            }

            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
            body["expires_in"] = 3600;
            response.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            return response;
        }
    }
}
