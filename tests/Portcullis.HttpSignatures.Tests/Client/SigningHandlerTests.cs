using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Portcullis.HttpSignatures.Algorithms;
using Portcullis.HttpSignatures.Client;
using Portcullis.HttpSignatures.Components;
using Portcullis.HttpSignatures.Messages;
using Portcullis.HttpSignatures.Verification;

namespace Portcullis.HttpSignatures.Tests.Client;

public sealed class SigningHandlerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly Ed25519HttpKey _key = Ed25519HttpKey.Generate();
    private readonly CapturingHandler _server = new();

    public void Dispose()
    {
        _key.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task Post_IsSignedWithDigest_AndVerifiesUnderDefaultPolicy()
    {
        using var client = Client();

        using var response = await client.PostAsync(new Uri("orders?account=A1", UriKind.Relative), new StringContent("{\"qty\":10}", Encoding.UTF8, "application/json"));

        var result = await VerifyCaptured(_key);
        Assert.True(result.IsSuccess, result.Code + " " + result.Error?.Message);
        Assert.Equal(Now, result.Created);
        Assert.Equal(SignatureAlgorithms.Ed25519, result.Algorithm);
        Assert.True(result.Covers(ComponentIdentifier.Field("content-digest")));
        Assert.True(result.Covers(ComponentIdentifier.Field("content-type")));
        Assert.StartsWith("sha-256=:", _server.Message!.Fields.GetCombined("Content-Digest"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_IsSignedWithoutDigest()
    {
        using var client = Client();

        using var response = await client.GetAsync(new Uri("portfolio", UriKind.Relative));

        var result = await VerifyCaptured(_key);
        Assert.True(result.IsSuccess, result.Code);
        Assert.False(_server.Message!.Fields.Contains("Content-Digest"));
        Assert.Equal([ComponentIdentifier.Method, ComponentIdentifier.TargetUri], result.CoveredComponents);
    }

    [Fact]
    public async Task EachRequest_GetsAFreshNonce()
    {
        using var client = Client();

        using var first = await client.GetAsync(new Uri("portfolio", UriKind.Relative));
        var firstNonce = (await VerifyCaptured(_key)).Nonce;
        using var second = await client.GetAsync(new Uri("portfolio", UriKind.Relative));
        var secondNonce = (await VerifyCaptured(_key)).Nonce;

        Assert.NotNull(firstNonce);
        Assert.NotEqual(firstNonce, secondNonce);
    }

    [Fact]
    public async Task Resending_ReplacesTheEarlierSignature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://gate.example/v1/orders") { Content = new StringContent("{}") };
        var handler = new SigningHandler(new SigningHandlerOptions { Key = _key, KeyId = "bot" }, _time);

        await handler.SignAsync(request, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(30));
        await handler.SignAsync(request, CancellationToken.None);
        _server.Message = await HttpRequestMessageAdapter.ToSignatureMessageAsync(request, CancellationToken.None);

        Assert.Single(request.Headers.GetValues("Signature"));
        Assert.Single(request.Headers.GetValues("Signature-Input"));
        Assert.Single(request.Content!.Headers.GetValues("Content-Digest"));
        Assert.True((await VerifyCaptured(_key)).IsSuccess);
    }

    [Fact]
    public async Task Hmac_SessionKey_Verifies()
    {
        using var session = HmacSha256HttpKey.Generate();
        using var client = Client(session);

        using var response = await client.DeleteAsync(new Uri("orders/42", UriKind.Relative));

        Assert.True((await VerifyCaptured(session)).IsSuccess);
    }

    [Fact]
    public void PublicOnlyKey_IsRefused()
    {
        using var publicOnly = Ed25519HttpKey.FromPublicKey(_key.PublicKeyBytes);

        Assert.Throws<ArgumentException>(() => new SigningHandler(new SigningHandlerOptions { Key = publicOnly, KeyId = "bot" }, _time));
    }

    private HttpClient Client(HttpSignatureKey? key = null)
    {
        var handler = new SigningHandler(new SigningHandlerOptions { Key = key ?? _key, KeyId = "bot" }, _time, _server);
        return new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri("https://gate.example/v1/") };
    }

    private async Task<SignatureVerificationResult> VerifyCaptured(HttpSignatureKey key) =>
        await new HttpMessageVerifier(new SignatureVerificationPolicy(), new SingleKeyResolver("bot", key), _time)
            .VerifyAsync(_server.Message!, CancellationToken.None);

    /// <summary>Plays the server: turns the request as sent into a <see cref="SignatureMessage"/>.</summary>
    private sealed class CapturingHandler : HttpMessageHandler
    {
        public SignatureMessage? Message { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Message = await HttpRequestMessageAdapter.ToSignatureMessageAsync(request, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
