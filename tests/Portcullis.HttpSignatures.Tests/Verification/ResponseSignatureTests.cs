using Microsoft.Extensions.Time.Testing;
using Portcullis.HttpSignatures.Algorithms;
using Portcullis.HttpSignatures.Components;
using Portcullis.HttpSignatures.Digests;
using Portcullis.HttpSignatures.Messages;
using Portcullis.HttpSignatures.Signing;
using Portcullis.HttpSignatures.StructuredFields;
using Portcullis.HttpSignatures.Verification;

namespace Portcullis.HttpSignatures.Tests.Verification;

/// <summary>A response bound to its request with <c>req</c> (RFC 9421 §2.4), through the whole signer and verifier.</summary>
public sealed class ResponseSignatureTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ResponseCoveringRequestComponents_Verifies_AndBreaksWhenTheRequestDiffers()
    {
        using var key = EcdsaP256HttpKey.Generate();
        var body = "{\"status\":\"filled\"}"u8.ToArray();
        var request = SignatureMessage.ForRequest("POST", new Uri("https://gate.example/v1/orders"), new HttpFields());
        var response = SignatureMessage.ForResponse(201, new HttpFields().Add("Content-Digest", ContentDigest.Create(body)), body, request);
        var methodOfRequest = new ComponentIdentifier("@method", SfParameters.Empty.With("req", SfBareItem.True));
        var pathOfRequest = new ComponentIdentifier("@path", SfParameters.Empty.With("req", SfBareItem.True));
        ComponentIdentifier[] components = [ComponentIdentifier.Status, ComponentIdentifier.Field("content-digest"), methodOfRequest, pathOfRequest];
        var parameters = new SignatureParameters { Created = Now, KeyId = "gate", Algorithm = key.Algorithm, Nonce = "n", Tag = "portcullis-response" };
        var signed = HttpMessageSigner.Sign(response, new SignatureDefinition("resp", components, parameters), key).Value;
        response.Fields.Add("Signature-Input", signed.SignatureInputValue).Add("Signature", signed.SignatureValue);
        var policy = new SignatureVerificationPolicy { RequiredComponents = [ComponentIdentifier.Status] };
        var resolver = new DelegateVerificationKeyResolver((id, _) => ValueTask.FromResult<HttpSignatureKey?>(id == "gate" ? key : null));
        var verifier = new HttpMessageVerifier(policy, resolver, new FakeTimeProvider(Now));

        var result = await verifier.VerifyAsync(response, CancellationToken.None);
        var otherRequest = SignatureMessage.ForRequest("POST", new Uri("https://gate.example/v1/withdrawals"), new HttpFields());
        var moved = SignatureMessage.ForResponse(201, CopyOf(response.Fields), body, otherRequest);
        var movedResult = await verifier.VerifyAsync(moved, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Code);
        Assert.Equal("portcullis-response", result.Tag);
        Assert.Contains("\"@path\";req: /v1/orders\n", result.SignatureBase, StringComparison.Ordinal);
        Assert.Equal(HttpSignatureErrors.Invalid, movedResult.Code);
    }

    [Fact]
    public async Task UnknownSignatureParameter_IsSignedAndKept()
    {
        using var key = HmacSha256HttpKey.Generate();
        var message = SignatureMessage.ForRequest("GET", new Uri("https://gate.example/v1/portfolio"), new HttpFields());
        message.Fields.Add("Signature-Input", "sig=(\"@method\" \"@target-uri\");created=" + Now.ToUnixTimeSeconds() + ";keyid=\"k\";alg=\"hmac-sha256\";nonce=\"n\";ext=?1");
        var signatureParams = SfParser.ParseDictionary(message.Fields.GetCombined("Signature-Input")!).Value["sig"]!.InnerList!;
        var signature = key.Sign(System.Text.Encoding.UTF8.GetBytes(SignatureBase.Create(message, signatureParams).Value));
        message.Fields.Add("Signature", "sig=:" + Convert.ToBase64String(signature) + ":");
        var verifier = new HttpMessageVerifier(new SignatureVerificationPolicy(), new SingleKeyResolver("k", key), new FakeTimeProvider(Now));

        var result = await verifier.VerifyAsync(message, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Code);
        Assert.True(result.Parameters["ext"]!.IsTrue);
    }

    [Fact]
    public async Task ResponseCoveringTheRequestDigest_ChecksItAgainstTheRequestBody()
    {
        using var key = Ed25519HttpKey.Generate();
        var requestBody = "{\"qty\":10}"u8.ToArray();
        var request = SignatureMessage.ForRequest("POST", new Uri("https://gate.example/v1/orders"), new HttpFields().Add("Content-Digest", ContentDigest.Create(requestBody)), requestBody);
        var response = SignatureMessage.ForResponse(204, new HttpFields(), request: request);
        var requestDigest = new ComponentIdentifier("content-digest", SfParameters.Empty.With("req", SfBareItem.True));
        var parameters = new SignatureParameters { Created = Now, KeyId = "gate", Algorithm = key.Algorithm, Nonce = "n" };
        var signed = HttpMessageSigner.Sign(response, new SignatureDefinition("resp", [ComponentIdentifier.Status, requestDigest], parameters), key).Value;
        var verifier = new HttpMessageVerifier(new SignatureVerificationPolicy { RequiredComponents = [] }, new SingleKeyResolver("gate", key), new FakeTimeProvider(Now));
        var tamperedRequest = SignatureMessage.ForRequest("POST", new Uri("https://gate.example/v1/orders"), new HttpFields().Add("Content-Digest", ContentDigest.Create(requestBody)), "{\"qty\":99}"u8.ToArray());

        var ok = SignatureMessage.ForResponse(204, new HttpFields().Add("Signature-Input", signed.SignatureInputValue).Add("Signature", signed.SignatureValue), request: request);
        var tampered = SignatureMessage.ForResponse(204, new HttpFields().Add("Signature-Input", signed.SignatureInputValue).Add("Signature", signed.SignatureValue), request: tamperedRequest);

        Assert.True((await verifier.VerifyAsync(ok, CancellationToken.None)).IsSuccess);
        Assert.Equal(HttpSignatureErrors.DigestMismatch, (await verifier.VerifyAsync(tampered, CancellationToken.None)).Code);
    }

    private static HttpFields CopyOf(HttpFields fields)
    {
        var copy = new HttpFields();
        foreach (var (name, value) in fields.Lines)
        {
            copy.Add(name, value);
        }

        return copy;
    }
}
