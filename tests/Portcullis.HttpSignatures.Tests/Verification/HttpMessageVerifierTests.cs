using System.Text;
using Microsoft.Extensions.Time.Testing;
using Portcullis.HttpSignatures.Algorithms;
using Portcullis.HttpSignatures.Components;
using Portcullis.HttpSignatures.Digests;
using Portcullis.HttpSignatures.Messages;
using Portcullis.HttpSignatures.Signing;
using Portcullis.HttpSignatures.Verification;

namespace Portcullis.HttpSignatures.Tests.Verification;

/// <summary>One valid signed request per algorithm, then one change per test, each with its exact code.</summary>
public sealed class HttpMessageVerifierTests : IDisposable
{
    private const string KeyId = "bot-key-1";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly HttpSignatureKey _key = Ed25519HttpKey.Generate();

    public static TheoryData<string> Algorithms => [SignatureAlgorithms.Ed25519, SignatureAlgorithms.EcdsaP256Sha256, SignatureAlgorithms.HmacSha256];

    public void Dispose() => _key.Dispose();

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task SignThenVerify_Succeeds_ForEachAlgorithm(string algorithm)
    {
        using var key = Generate(algorithm);
        var message = Signed(Order(), key);

        var result = await Verify(message, key);

        Assert.True(result.IsSuccess, result.Code + " " + result.Error?.Message);
        Assert.Equal(algorithm, result.Algorithm);
        Assert.Equal(KeyId, result.KeyId);
        Assert.Equal(Now, result.Created);
        Assert.NotNull(result.Nonce);
        Assert.True(result.Covers(ComponentIdentifier.Field("content-digest")));
        Assert.Same(key, result.Key);
    }

    [Fact]
    public async Task Verify_WithRsaPss_RoundTrips_WhenPolicyAllowsIt()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        using var key = RsaHttpKey.FromPem(rsa.ExportPkcs8PrivateKeyPem(), SignatureAlgorithms.RsaPssSha512);
        var message = Signed(Order(), key);
        var policy = new SignatureVerificationPolicy { AllowedAlgorithms = new HashSet<string> { SignatureAlgorithms.RsaPssSha512 } };

        Assert.True((await Verify(message, key, policy)).IsSuccess);
        Assert.Equal(HttpSignatureErrors.AlgMismatch, (await Verify(message, key)).Code);
    }

    [Fact]
    public async Task ChangedMethod_IsInvalid() =>
        Assert.Equal(HttpSignatureErrors.Invalid, (await Verify(Rebuild(Signed(Order(), _key), method: "PUT"), _key)).Code);

    [Fact]
    public async Task ChangedPath_IsInvalid() =>
        Assert.Equal(HttpSignatureErrors.Invalid, (await Verify(Rebuild(Signed(Order(), _key), uri: "https://gate.example/v1/withdrawals?account=A1"), _key)).Code);

    [Fact]
    public async Task ChangedQuery_IsInvalid() =>
        Assert.Equal(HttpSignatureErrors.Invalid, (await Verify(Rebuild(Signed(Order(), _key), uri: "https://gate.example/v1/orders?account=A2"), _key)).Code);

    [Fact]
    public async Task ChangedCoveredHeader_IsInvalid()
    {
        var message = Signed(Order(), _key);
        message.Fields.Remove("Content-Type").Add("Content-Type", "text/plain");

        Assert.Equal(HttpSignatureErrors.Invalid, (await Verify(message, _key)).Code);
    }

    [Fact]
    public async Task ChangedUncoveredHeader_StillVerifies()
    {
        var message = Signed(Order(), _key);
        message.Fields.Add("X-Trace", "abc");

        Assert.True((await Verify(message, _key)).IsSuccess);
    }

    [Fact]
    public async Task ChangedBody_IsDigestMismatch() =>
        Assert.Equal(HttpSignatureErrors.DigestMismatch, (await Verify(Rebuild(Signed(Order(), _key), body: "{\"qty\":1000}"), _key)).Code);

    [Fact]
    public async Task ChangedDigestHeader_IsInvalid()
    {
        var message = Signed(Order(), _key);
        message.Fields.Remove("Content-Digest").Add("Content-Digest", ContentDigest.Create("{\"qty\":1000}"u8));

        Assert.Equal(HttpSignatureErrors.Invalid, (await Verify(message, _key)).Code);
    }

    [Fact]
    public async Task CreatedTooOld_IsRefused()
    {
        var message = Signed(Order(), _key);
        _time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(HttpSignatureErrors.CreatedTooOld, (await Verify(message, _key)).Code);
    }

    [Fact]
    public async Task CreatedAtEdgeOfWindow_IsAccepted()
    {
        var message = Signed(Order(), _key);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.True((await Verify(message, _key)).IsSuccess);
    }

    [Fact]
    public async Task CreatedInFuture_IsRefused()
    {
        var message = Signed(Order(), _key, p => p with { Created = Now.AddSeconds(6) });

        Assert.Equal(HttpSignatureErrors.CreatedInFuture, (await Verify(message, _key)).Code);
    }

    [Fact]
    public async Task Expired_IsRefused()
    {
        var message = Signed(Order(), _key, p => p with { Expires = Now.AddSeconds(2) });
        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(HttpSignatureErrors.Expired, (await Verify(message, _key)).Code);
    }

    [Fact]
    public async Task WrongAlg_IsAlgMismatch()
    {
        using var ecdsa = EcdsaP256HttpKey.Generate();
        var message = Signed(Order(), _key);

        Assert.Equal(HttpSignatureErrors.AlgMismatch, (await Verify(message, ecdsa)).Code);
    }

    [Fact]
    public async Task UnknownKeyId_IsKeyUnknown()
    {
        var message = Signed(Order(), _key, p => p with { KeyId = "someone-else" });

        Assert.Equal(HttpSignatureErrors.KeyUnknown, (await Verify(message, _key)).Code);
    }

    [Fact]
    public async Task OtherKeyWithSameAlgorithm_IsInvalid()
    {
        using var other = Ed25519HttpKey.Generate();

        Assert.Equal(HttpSignatureErrors.Invalid, (await Verify(Signed(Order(), _key), other)).Code);
    }

    [Fact]
    public async Task DuplicateLabel_IsRefused()
    {
        var message = Signed(Order(), _key);
        message.Fields.Add("Signature-Input", message.Fields.GetValues("Signature-Input")[0]);

        Assert.Equal(HttpSignatureErrors.DuplicateLabel, (await Verify(message, _key)).Code);
    }

    [Fact]
    public async Task MissingSignatureHeader_IsMissing()
    {
        var message = Signed(Order(), _key);
        message.Fields.Remove("Signature");

        Assert.Equal(HttpSignatureErrors.Missing, (await Verify(message, _key)).Code);
    }

    [Fact]
    public async Task GarbledSignatureInput_IsMalformed()
    {
        var message = Signed(Order(), _key);
        message.Fields.Remove("Signature-Input").Add("Signature-Input", "sig=(\"@method\" \"@target-uri\";created=1");

        Assert.Equal(HttpSignatureErrors.Malformed, (await Verify(message, _key)).Code);
    }

    [Fact]
    public async Task SignatureNotAByteSequence_IsMalformed()
    {
        var message = Signed(Order(), _key);
        message.Fields.Remove("Signature").Add("Signature", "sig=\"abc\"");

        Assert.Equal(HttpSignatureErrors.Malformed, (await Verify(message, _key)).Code);
    }

    [Fact]
    public async Task CreatedAsString_IsMalformed()
    {
        var message = Order();
        message.Fields.Add("Signature-Input", "sig=(\"@method\");created=\"1\"").Add("Signature", "sig=:AAAA:");

        Assert.Equal(HttpSignatureErrors.Malformed, (await Verify(message, _key)).Code);
    }

    [Fact]
    public async Task OtherLabelOnly_IsLabelUnknown()
    {
        var message = Signed(Order(), _key);
        var policy = new SignatureVerificationPolicy { Label = "portcullis" };

        Assert.Equal(HttpSignatureErrors.LabelUnknown, (await Verify(message, _key, policy)).Code);
    }

    [Fact]
    public async Task LabelInInputButNotInSignature_IsLabelUnknown()
    {
        var message = Signed(Order(), _key);
        message.Fields.Remove("Signature").Add("Signature", "other=:AAAA:");

        Assert.Equal(HttpSignatureErrors.LabelUnknown, (await Verify(message, _key, new SignatureVerificationPolicy { Label = "sig" })).Code);
    }

    [Fact]
    public async Task TwoSignaturesWithoutChosenLabel_IsLabelUnknown()
    {
        var message = Signed(Order(), _key);
        message.Fields.Add("Signature-Input", "proxy=(\"@method\");created=1").Add("Signature", "proxy=:AAAA:");

        Assert.Equal(HttpSignatureErrors.LabelUnknown, (await Verify(message, _key)).Code);
        Assert.True((await Verify(message, _key, new SignatureVerificationPolicy { Label = "sig" })).IsSuccess);
    }

    [Fact]
    public async Task NoNonce_IsRequiredParameterMissing()
    {
        var message = Signed(Order(), _key, p => p with { Nonce = null });

        Assert.Equal(HttpSignatureErrors.RequiredParameterMissing, (await Verify(message, _key)).Code);
    }

    [Fact]
    public async Task NoAlg_IsRequiredParameterMissing()
    {
        var message = Signed(Order(), _key, p => p with { Algorithm = null });

        Assert.Equal(HttpSignatureErrors.RequiredParameterMissing, (await Verify(message, _key)).Code);
    }

    [Fact]
    public async Task TargetUriNotCovered_IsRequiredComponentMissing()
    {
        var message = Signed(Order(), _key, components: [ComponentIdentifier.Method, ComponentIdentifier.Field("content-digest")]);

        Assert.Equal(HttpSignatureErrors.RequiredComponentMissing, (await Verify(message, _key)).Code);
    }

    [Fact]
    public async Task BodyWithoutCoveredDigest_IsRequiredComponentMissing()
    {
        var message = Signed(Order(), _key, components: [ComponentIdentifier.Method, ComponentIdentifier.TargetUri]);

        Assert.Equal(HttpSignatureErrors.RequiredComponentMissing, (await Verify(message, _key)).Code);
    }

    [Fact]
    public async Task CoveredHeaderRemoved_IsComponentMissing()
    {
        var message = Signed(Order(), _key);
        message.Fields.Remove("Content-Type");

        Assert.Equal(HttpSignatureErrors.ComponentMissing, (await Verify(message, _key)).Code);
    }

    [Fact]
    public async Task ReadWithoutBody_NeedsNoDigest()
    {
        var read = SignatureMessage.ForRequest("GET", new Uri("https://gate.example/v1/portfolio"), new HttpFields());
        var message = Signed(read, _key, components: [ComponentIdentifier.Method, ComponentIdentifier.TargetUri]);

        Assert.True((await Verify(message, _key)).IsSuccess);
    }

    [Fact]
    public async Task Failure_KeepsParsedParametersForAudit()
    {
        var message = Signed(Order(), _key);
        _time.Advance(TimeSpan.FromMinutes(1));

        var result = await Verify(message, _key);

        Assert.Equal(HttpSignatureErrors.CreatedTooOld, result.Code);
        Assert.Equal(KeyId, result.KeyId);
        Assert.Equal("sig", result.Label);
    }

    [Fact]
    public void Policy_WindowOverSixtySeconds_IsRefusedWithEveryProblem()
    {
        var policy = new SignatureVerificationPolicy { MaxCreatedAhead = TimeSpan.FromSeconds(61), MaxCreatedBehind = TimeSpan.FromMinutes(5) };

        Assert.Equal(2, policy.Validate().Count);
        Assert.Throws<ArgumentException>(() => new HttpMessageVerifier(policy, new SingleKeyResolver(KeyId, _key), _time));
    }

    private static HttpSignatureKey Generate(string algorithm) => algorithm switch
    {
        SignatureAlgorithms.Ed25519 => Ed25519HttpKey.Generate(),
        SignatureAlgorithms.EcdsaP256Sha256 => EcdsaP256HttpKey.Generate(),
        _ => HmacSha256HttpKey.Generate(),
    };

    private static SignatureMessage Order(string body = "{\"symbol\":\"AAPL\",\"qty\":10}")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var fields = new HttpFields()
            .Add("Content-Type", "application/json")
            .Add("Content-Digest", ContentDigest.Create(bytes));
        return SignatureMessage.ForRequest("POST", new Uri("https://gate.example/v1/orders?account=A1"), fields, bytes);
    }

    private SignatureMessage Signed(SignatureMessage message, HttpSignatureKey key, Func<SignatureParameters, SignatureParameters>? change = null, ComponentIdentifier[]? components = null)
    {
        var parameters = new SignatureParameters
        {
            Created = _time.GetUtcNow(),
            KeyId = KeyId,
            Algorithm = key.Algorithm,
            Nonce = SignatureParameters.NewNonce(),
        };
        parameters = change?.Invoke(parameters) ?? parameters;
        components ??= [ComponentIdentifier.Method, ComponentIdentifier.TargetUri, ComponentIdentifier.Field("content-digest"), ComponentIdentifier.Field("content-type")];
        var signed = HttpMessageSigner.Sign(message, new SignatureDefinition("sig", components, parameters), key);
        Assert.True(signed.IsSuccess, signed.Error?.Message);
        message.Fields.Add("Signature-Input", signed.Value.SignatureInputValue).Add("Signature", signed.Value.SignatureValue);
        return message;
    }

    private static SignatureMessage Rebuild(SignatureMessage message, string? method = null, string? uri = null, string? body = null)
    {
        var fields = new HttpFields();
        foreach (var (name, value) in message.Fields.Lines)
        {
            fields.Add(name, value);
        }

        return SignatureMessage.ForRequest(
            method ?? message.Method!,
            uri is null ? message.TargetUri! : new Uri(uri),
            fields,
            body is null ? message.Body : Encoding.UTF8.GetBytes(body));
    }

    private Task<SignatureVerificationResult> Verify(SignatureMessage message, HttpSignatureKey key, SignatureVerificationPolicy? policy = null) =>
        new HttpMessageVerifier(policy ?? new SignatureVerificationPolicy(), new SingleKeyResolver(KeyId, key), _time)
            .VerifyAsync(message, CancellationToken.None).AsTask();
}
