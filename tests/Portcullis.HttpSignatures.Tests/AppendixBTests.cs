using System.Text;
using Microsoft.Extensions.Time.Testing;
using Portcullis.HttpSignatures.Algorithms;
using Portcullis.HttpSignatures.Components;
using Portcullis.HttpSignatures.Digests;
using Portcullis.HttpSignatures.Messages;
using Portcullis.HttpSignatures.Signing;
using Portcullis.HttpSignatures.StructuredFields;
using Portcullis.HttpSignatures.Verification;

namespace Portcullis.HttpSignatures.Tests;

/// <summary>RFC 9421 Appendix B.2, verbatim: signature bases byte for byte, published signatures, deterministic values.</summary>
public sealed class AppendixBTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "B21", "sig-b21" },
        { "B22", "sig-b22" },
        { "B23", "sig-b23" },
        { "B24", "sig-b24" },
        { "B25", "sig-b25" },
        { "B26", "sig-b26" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SignatureBase_MatchesPublishedBase(string name, string label)
    {
        var signatureParams = SignatureParamsOf(name, label);

        var result = SignatureBase.Create(MessageFor(name), signatureParams);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(AppendixB.CaseText(name, "signatureBase"), result.Value);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PublishedSignature_VerifiesOverPublishedBase(string name, string label)
    {
        using var key = PublicKeyFor(name);
        var signature = SfParser.ParseDictionary(AppendixB.CaseText(name, "signature")).Value[label]!.Item!.Value.Bytes;

        Assert.True(key.Verify(Encoding.ASCII.GetBytes(AppendixB.CaseText(name, "signatureBase")), signature.Span));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Verifier_AcceptsPublishedMessage(string name, string label)
    {
        var message = MessageFor(name);
        message.Fields.Add("Signature-Input", AppendixB.CaseText(name, "signatureInput"));
        message.Fields.Add("Signature", AppendixB.CaseText(name, "signature"));
        var policy = new SignatureVerificationPolicy
        {
            Label = label,
            RequiredComponents = [],
            RequiredParameters = new HashSet<string>(),
            RequireContentDigestWithBody = false,
            AllowedAlgorithms = new HashSet<string>
            {
                SignatureAlgorithms.RsaPssSha512, SignatureAlgorithms.EcdsaP256Sha256, SignatureAlgorithms.HmacSha256, SignatureAlgorithms.Ed25519,
            },
        };
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(AppendixB.Created));
        using var key = PublicKeyFor(name);
        var verifier = new HttpMessageVerifier(policy, new SingleKeyResolver(KeyIdFor(name), key), time);

        var result = await verifier.VerifyAsync(message, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Code + " " + result.Error?.Message);
        Assert.Equal(KeyIdFor(name), result.KeyId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(AppendixB.Created), result.Created);
    }

    [Fact]
    public void B25_HmacSignature_IsReproducedExactly()
    {
        using var key = AppendixB.SharedSecret();
        AssertReproduced("B25", "sig-b25", key, "test-shared-secret", [ComponentIdentifier.Field("date"), ComponentIdentifier.Authority, ComponentIdentifier.Field("content-type")]);
    }

    [Fact]
    public void B26_Ed25519Signature_IsReproducedExactly_FromPem()
    {
        using var key = AppendixB.Ed25519PrivatePem();
        AssertReproduced("B26", "sig-b26", key, "test-key-ed25519", B26Components());
    }

    [Fact]
    public void B26_Ed25519Signature_IsReproducedExactly_FromJwk()
    {
        using var key = AppendixB.Ed25519Jwk(withPrivate: true);
        AssertReproduced("B26", "sig-b26", key, "test-key-ed25519", B26Components());
    }

    [Fact]
    public void B24_Ecdsa_SignsWithVectorKey_AndVerifiesWithPublicPemAndJwk()
    {
        using var privateKey = AppendixB.EcdsaPrivatePem();
        using var publicPem = AppendixB.EcdsaPublicPem();
        using var publicJwk = AppendixB.EcdsaJwk(withPrivate: false);
        var data = Encoding.ASCII.GetBytes(AppendixB.CaseText("B24", "signatureBase"));

        var signature = privateKey.Sign(data);

        Assert.Equal(64, signature.Length);
        Assert.True(publicPem.Verify(data, signature));
        Assert.True(publicJwk.Verify(data, signature));
    }

    [Fact]
    public void Ed25519_PublicPemAndJwk_AreTheSameKey()
    {
        using var pem = AppendixB.Ed25519PublicPem();
        using var jwk = AppendixB.Ed25519Jwk(withPrivate: false);
        using var privateKey = AppendixB.Ed25519PrivatePem();

        Assert.Equal(pem.PublicKeyBytes, jwk.PublicKeyBytes);
        Assert.Equal(pem.PublicKeyBytes, privateKey.PublicKeyBytes);
    }

    [Fact]
    public void TargetUriExample_MatchesPublishedLine()
    {
        var example = AppendixB.Case("TARGET_URI_EXAMPLE");
        var message = SignatureMessage.ForRequest("GET", new Uri(example.GetProperty("url").GetString()!), new HttpFields());
        var signatureParams = new SfInnerList([ComponentIdentifier.TargetUri.Item], SfParameters.Empty);

        var result = SignatureBase.Create(message, signatureParams);

        Assert.Equal(example.GetProperty("baseLine").GetString() + "\n\"@signature-params\": (\"@target-uri\")", result.Value);
    }

    [Fact]
    public void TestRequest_ContentDigest_MatchesBody()
    {
        var request = AppendixB.Request();

        var result = ContentDigest.Verify(request.Fields.GetCombined("Content-Digest")!, request.Body!.Value.Span);

        Assert.True(result.IsSuccess);
        Assert.Equal(ContentDigest.Sha512, result.Value);
    }

    [Fact]
    public void TestResponse_PrintedContentDigest_DoesNotMatchBody()
    {
        // The erratum the vectors README describes: kept as a test so nobody "fixes" the data instead.
        var response = AppendixB.Response(fixDigest: false);

        var result = ContentDigest.Verify(response.Fields.GetCombined("Content-Digest")!, response.Body!.Value.Span);

        Assert.Equal(HttpSignatureErrors.DigestMismatch, result.Error?.Code);
    }

    private static ComponentIdentifier[] B26Components() =>
    [
        ComponentIdentifier.Field("date"), ComponentIdentifier.Method, ComponentIdentifier.Path, ComponentIdentifier.Authority,
        ComponentIdentifier.Field("content-type"), ComponentIdentifier.Field("content-length"),
    ];

    private static void AssertReproduced(string name, string label, HttpSignatureKey key, string keyId, ComponentIdentifier[] components)
    {
        var parameters = new SignatureParameters { Created = DateTimeOffset.FromUnixTimeSeconds(AppendixB.Created), KeyId = keyId };

        var signed = HttpMessageSigner.Sign(MessageFor(name), new SignatureDefinition(label, components, parameters), key);

        Assert.True(signed.IsSuccess, signed.Error?.Message);
        Assert.Equal(AppendixB.CaseText(name, "signatureBase"), signed.Value.SignatureBase);
        Assert.Equal(AppendixB.CaseText(name, "signatureInput"), signed.Value.SignatureInputValue);
        Assert.Equal(AppendixB.CaseText(name, "signature"), signed.Value.SignatureValue);
    }

    private static SfInnerList SignatureParamsOf(string name, string label) =>
        SfParser.ParseDictionary(AppendixB.CaseText(name, "signatureInput")).Value[label]!.InnerList!;

    private static SignatureMessage MessageFor(string name) => name == "B24" ? AppendixB.Response() : AppendixB.Request();

    private static string KeyIdFor(string name) => name switch
    {
        "B24" => "test-key-ecc-p256",
        "B25" => "test-shared-secret",
        "B26" => "test-key-ed25519",
        _ => "test-key-rsa-pss",
    };

    private static HttpSignatureKey PublicKeyFor(string name) => name switch
    {
        "B24" => AppendixB.EcdsaPublicPem(),
        "B25" => AppendixB.SharedSecret(),
        "B26" => AppendixB.Ed25519PublicPem(),
        _ => AppendixB.RsaPss(),
    };
}
