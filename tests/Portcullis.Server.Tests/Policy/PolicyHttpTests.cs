using System.Net;
using System.Text.Json;
using Portcullis.Core.Audit;
using Portcullis.Testing;

namespace Portcullis.Server.Tests.Policy;

/// <summary>The policy over HTTP: RFC 9470 step-up challenges, refusals, the explain endpoint and the audit of decisions.</summary>
public sealed class PolicyHttpTests : IAsyncLifetime
{
    private TestGate _gate = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _gate = await TestGate.StartAsync();
        await _gate.CreateUserAsync("alice");
        _client = _gate.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gate.DisposeAsync();
    }

    [Fact]
    public async Task AStaleSecondFactor_GetsAnRfc9470Challenge_AndAProblemThatSaysTheSame()
    {
        var token = await _gate.SignInWithTotpAsync(_client, "alice");
        _gate.Time.Advance(TimeSpan.FromMinutes(6));

        var (status, body, response) = await _client.PostJsonAsync("/api/v1/factors/totp", new { name = "Tablet" }, token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"insufficient_user_authentication\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains("acr_values=\"phishing_resistant possession restricted lookup_secret\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains("max_age=300", challenge.Parameter, StringComparison.Ordinal);
        Assert.Equal("policy.step_up_required", body.Code());
        Assert.Equal("step_up", body.GetProperty("decision").GetString());
        Assert.Equal("proof_too_old", body.GetProperty("reason").GetString());
        Assert.Equal("security-with-second-factor", body.GetProperty("rule").GetString());
        Assert.Equal(300, body.GetProperty("max_age").GetInt64());
    }

    [Fact]
    public async Task Explain_ShowsTheTiersOfTheBrief_ForThisSession()
    {
        var token = await _gate.SignInWithTotpAsync(_client, "alice");

        var read = await ExplainAsync(token, "operation=portfolio.read");
        var small = await ExplainAsync(token, "operation=order.place&notional=10000&asset_class=equity");
        var large = await ExplainAsync(token, "operation=order.place&notional=500000&asset_class=equity");
        var bot = await ExplainAsync(token, "operation=order.place&notional=1000&asset_class=option&initiator=api_key");

        Assert.Equal(("allow", "reads"), (read.GetProperty("decision").GetString(), read.GetProperty("rule").GetString()));
        Assert.Equal(("allow", "orders"), (small.GetProperty("decision").GetString(), small.GetProperty("rule").GetString()));
        Assert.Equal(("step_up", "large-order"), (large.GetProperty("decision").GetString(), large.GetProperty("rule").GetString()));
        Assert.Equal("phishing_resistant", large.GetProperty("step_up").GetProperty("acr_values").GetString());
        Assert.Equal(300, large.GetProperty("step_up").GetProperty("max_age").GetInt64());
        Assert.Equal(("hold", "bot-derivatives"), (bot.GetProperty("decision").GetString(), bot.GetProperty("rule").GetString()));
        Assert.Equal("built-in default", large.GetProperty("policy").GetString());
        Assert.True(large.GetProperty("steps").GetArrayLength() > 1);
    }

    [Fact]
    public async Task Explain_WithBadInput_AnswersWhichFieldsAreWrong()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();

        var (status, body, _) = await _client.GetJsonAsync("/api/v1/decisions/explain?operation=order.teleport&notional=-5&initiator=robot", token);
        var (missing, missingBody, _) = await _client.GetJsonAsync("/api/v1/decisions/explain", token);

        Assert.Equal((HttpStatusCode.BadRequest, "request.invalid"), (status, body.Code()));
        var errors = body.GetProperty("errors");
        Assert.True(errors.TryGetProperty("operation", out _));
        Assert.True(errors.TryGetProperty("notional", out _));
        Assert.True(errors.TryGetProperty("initiator", out _));
        Assert.Equal((HttpStatusCode.BadRequest, "request.invalid"), (missing, missingBody.Code()));
    }

    [Fact]
    public async Task Explain_NeedsASession()
    {
        var (status, body, _) = await _client.GetJsonAsync("/api/v1/decisions/explain?operation=portfolio.read");

        Assert.Equal((HttpStatusCode.Unauthorized, "auth.required"), (status, body.Code()));
    }

    [Fact]
    public async Task TheCatalogue_IsListed()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();

        var (status, body, _) = await _client.GetJsonAsync("/api/v1/decisions/operations", token);

        Assert.Equal(HttpStatusCode.OK, status);
        var names = body.EnumerateArray().Select(o => o.GetProperty("name").GetString()).ToList();
        Assert.Contains("withdrawal.request", names);
        Assert.Contains("network.trust", names);
        var withdrawal = body.EnumerateArray().Single(o => o.GetProperty("name").GetString() == "withdrawal.request");
        Assert.Equal("withdrawals", withdrawal.GetProperty("freeze_capability").GetString());
    }

    [Fact]
    public async Task EveryRefusal_AndEveryChange_IsAudited_WithItsRuleAndAttributes_ButAllowedReadsAreNot()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();
        Assert.Equal(HttpStatusCode.OK, (await _client.GetJsonAsync("/api/v1/me", token)).Status);
        _gate.Time.Advance(TimeSpan.FromMinutes(6));

        var (status, _, _) = await _client.PostJsonAsync("/api/v1/factors/totp", new { name = "Phone" }, token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var decisions = (await _gate.ReadAuditAsync()).Where(e => e.Type == AuditEventTypes.PolicyDecided).ToList();
        var decided = Assert.Single(decisions);
        Assert.Equal("step_up:proof_too_old", decided.Code);
        using var data = JsonDocument.Parse(decided.Data);
        Assert.Equal("factor.enroll", data.RootElement.GetProperty("operation").GetString());
        Assert.Equal("first-factor", data.RootElement.GetProperty("rule").GetString());
        Assert.Equal("first_factor", data.RootElement.GetProperty("tier").GetString());
        Assert.Equal("session", data.RootElement.GetProperty("initiator").GetString());
        Assert.Equal("totp", data.RootElement.GetProperty("factor_kind").GetString());
        Assert.DoesNotContain(TestGate.StrongPassword, decided.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APasswordOnlySession_CannotDoRoutineWork_ButCanRead()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();

        var read = await ExplainAsync(token, "operation=portfolio.read");
        var order = await ExplainAsync(token, "operation=order.place&notional=100");

        Assert.Equal("allow", read.GetProperty("decision").GetString());
        Assert.Equal("step_up", order.GetProperty("decision").GetString());
        Assert.Equal("phishing_resistant possession", order.GetProperty("step_up").GetProperty("acr_values").GetString());
    }

    private async Task<JsonElement> ExplainAsync(string token, string query)
    {
        var (status, body, _) = await _client.GetJsonAsync("/api/v1/decisions/explain?" + query, token);
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return body;
    }
}
