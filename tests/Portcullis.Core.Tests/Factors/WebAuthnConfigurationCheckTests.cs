using Portcullis.Core.Factors;
using Portcullis.Core.Factors.WebAuthn;

namespace Portcullis.Core.Tests.Factors;

public sealed class WebAuthnConfigurationCheckTests
{
    private static List<string> Problems(Action<WebAuthnOptions> change, string? serverUrls = "http://localhost:5080")
    {
        var options = new WebAuthnOptions();
        change(options);
        return new WebAuthnConfigurationCheck(new WebAuthnRelyingParty(options, serverUrls)).Problems().ToList();
    }

    [Fact]
    public void TheDefaults_HaveNoProblems() => Assert.Empty(Problems(_ => { }));

    [Fact]
    public void AProductionSetup_HasNoProblems() =>
        Assert.Empty(Problems(o =>
        {
            o.RpId = "broker.example";
            o.Origins = ["https://broker.example", "https://portal.broker.example:8443"];
            o.Attestation = "direct";
            o.RequireAttestation = true;
        }));

    [Theory]
    [InlineData("https://broker.example")]
    [InlineData("broker.example:443")]
    [InlineData("127.0.0.1")]
    [InlineData("")]
    public void AnRpIdThatIsNotADomainName_IsAProblem(string rpId)
    {
        var problem = Assert.Single(Problems(o =>
        {
            o.RpId = rpId;
            o.Origins = ["https://broker.example"];
        }));
        Assert.StartsWith("Factors:WebAuthn:RpId: must be a domain name", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example", "must be on Factors:WebAuthn:RpId")]
    [InlineData("https://notbroker.example", "must be on Factors:WebAuthn:RpId")]
    [InlineData("http://broker.example", "must use https://")]
    [InlineData("https://broker.example/login", "must be an origin")]
    [InlineData("broker.example", "must be an origin")]
    public void AnOriginOffTheRpId_OrNotSecure_IsAProblem_NamingItsIndex(string origin, string message)
    {
        var problem = Assert.Single(Problems(o =>
        {
            o.RpId = "broker.example";
            o.Origins = ["https://broker.example", origin];
        }));
        Assert.StartsWith($"Factors:WebAuthn:Origins:1: {message}", problem, StringComparison.Ordinal);
        Assert.EndsWith($"(value: {origin})", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AnRpIdWithoutOrigins_ReportsTheDerivedOriginsItCannotUse()
    {
        var problem = Assert.Single(Problems(o => o.RpId = "broker.example"));

        Assert.StartsWith("Factors:WebAuthn:Origins (derived from Server:Urls): must be on Factors:WebAuthn:RpId (broker.example)", problem,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ServerUrlsThatAreNotUrls_AreLeftToTheServersCheck() => Assert.Empty(Problems(_ => { }, "ftp://x"));

    [Fact]
    public void NoServerUrlsAndNoOrigins_IsAProblem() =>
        Assert.StartsWith("Factors:WebAuthn:Origins: is empty", Assert.Single(Problems(_ => { }, " ; ")), StringComparison.Ordinal);

    [Fact]
    public void RequiringAttestation_WhileAskingForNone_IsAProblem() =>
        Assert.StartsWith("Factors:WebAuthn:Attestation: must be direct or indirect",
            Assert.Single(Problems(o => o.RequireAttestation = true)), StringComparison.Ordinal);

    [Fact]
    public void AllProblems_AreReportedTogether()
    {
        var problems = Problems(o =>
        {
            o.RpName = " ";
            o.Attestation = "enterprise-ish";
            o.ChallengeLifetime = TimeSpan.FromHours(1);
            o.Origins = ["ftp://localhost"];
        });

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Factors:WebAuthn:RpName:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Factors:WebAuthn:Attestation: must be none, indirect or direct", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Factors:WebAuthn:ChallengeLifetime:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Factors:WebAuthn:Origins:0:", StringComparison.Ordinal));
    }

    [Fact]
    public void TheUserHandle_IsStable_32Bytes_AndNotTheUserId()
    {
        var id = Guid.CreateVersion7();

        var handle = WebAuthnRelyingParty.UserHandle(id);

        Assert.Equal(32, handle.Length);
        Assert.Equal(handle, WebAuthnRelyingParty.UserHandle(id));
        Assert.NotEqual(handle, WebAuthnRelyingParty.UserHandle(Guid.CreateVersion7()));
        Assert.DoesNotContain(Convert.ToHexString(id.ToByteArray()), Convert.ToHexString(handle), StringComparison.Ordinal);
    }
}
