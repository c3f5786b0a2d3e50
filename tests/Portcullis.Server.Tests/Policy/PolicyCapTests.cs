using System.Net;
using System.Text.Json;

namespace Portcullis.Server.Tests.Policy;

/// <summary>
/// A capped rule over HTTP: the totals come from the uses the gate recorded (a request that fails does not count), and
/// the window slides.
/// </summary>
public sealed class PolicyCapTests : PolicyFileTests
{
    protected override string Rules => """
          - name: two-networks-a-day
            operations: [network.trust]
            cap: { sum: count, over: 24h, above: 2 }
            decision: deny
            reason: too_many_networks
        """;

    protected override IReadOnlyList<string> OpenOperations => ["*.read", "network.*", "session.*", "decision.*"];

    private async Task<(HttpStatusCode Status, JsonElement Body)> TrustAsync(string token, string cidr, string label = "office")
    {
        var (status, body, _) = await Client.PostJsonAsync("/api/v1/me/trusted-networks", new { cidr, label }, token);
        return (status, body);
    }

    [Fact]
    public async Task ACountCap_RefusesTheThirdUseInTheWindow_NotCountingFailures_AndLetsGoWhenTheWindowSlides()
    {
        var token = (await Gate.SignInAsync(Client, "alice")).Token();

        Assert.Equal(HttpStatusCode.Created, (await TrustAsync(token, "198.51.100.0/24")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await TrustAsync(token, "198.51.100.0/24")).Status); // a duplicate: not counted
        Assert.Equal(HttpStatusCode.BadRequest, (await TrustAsync(token, "not-a-network")).Status); // invalid: not counted
        Gate.Time.Advance(TimeSpan.FromHours(1));
        token = (await Gate.SignInAsync(Client, "alice")).Token(); // the first session has gone idle by now
        Assert.Equal(HttpStatusCode.Created, (await TrustAsync(token, "203.0.113.0/24")).Status);

        var (refused, problem) = await TrustAsync(token, "192.0.2.0/24");

        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal("policy.too_many_networks", problem.Code());
        Assert.Equal("two-networks-a-day", problem.GetProperty("rule").GetString());
        var (_, explained, _) = await Client.GetJsonAsync("/api/v1/decisions/explain?operation=network.trust", token);
        Assert.Equal("deny", explained.GetProperty("decision").GetString());
        Assert.Contains(explained.GetProperty("steps").EnumerateArray(),
            s => s.ToString().Contains("cap exceeded: 2 + 1 > 2 per 1d", StringComparison.Ordinal));

        // The first use leaves the window after 24 hours (sign in again: the session has expired by then).
        Gate.Time.Advance(TimeSpan.FromHours(23) + TimeSpan.FromSeconds(1));
        token = (await Gate.SignInAsync(Client, "alice")).Token();
        Assert.Equal(HttpStatusCode.Created, (await TrustAsync(token, "192.0.2.0/24")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await TrustAsync(token, "192.0.3.0/24")).Status);
    }

    [Fact]
    public async Task ConcurrentRequests_CannotAllSlipUnderTheCap()
    {
        var token = (await Gate.SignInAsync(Client, "alice")).Token();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => TrustAsync(token, $"10.{i}.0.0/16")));

        Assert.Equal(2, answers.Count(a => a.Status == HttpStatusCode.Created));
        Assert.Equal(6, answers.Count(a => a.Status == HttpStatusCode.Forbidden));
    }
}
