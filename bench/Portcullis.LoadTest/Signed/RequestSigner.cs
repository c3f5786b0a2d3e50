using Portcullis.Client;

namespace Portcullis.LoadTest.Signed;

/// <summary>How a scenario's client signs its requests: the one thing that differs between the signed-read scenarios.</summary>
public interface IRequestSigner
{
    /// <summary>For the report, e.g. "none" or "ed25519".</summary>
    string Name { get; }

    /// <summary>A client for <paramref name="server"/> over <paramref name="transport"/> (disposed with the client).</summary>
    HttpClient CreateClient(Uri server, HttpMessageHandler transport);
}

/// <summary>No signature: the bare endpoint.</summary>
public sealed class NoSignature : IRequestSigner
{
    public string Name => "none";

    public HttpClient CreateClient(Uri server, HttpMessageHandler transport) => new(transport, disposeHandler: true) { BaseAddress = server };
}

/// <summary>
/// Every request signed with a key file by the client library, as a bot signs (<see cref="PortcullisHttpClient"/>: RFC 9421
/// over <c>@method</c>, <c>@target-uri</c>, <c>content-digest</c> and <c>content-type</c>, a fresh <c>created</c> and
/// <c>nonce</c>). An Ed25519 key signs with its private key; a session key (<c>hmac-sha256</c>, a key file holding
/// <c>secret</c>) with its secret.
/// </summary>
public sealed class KeyFileSigner(ApiKeyFile key) : IRequestSigner
{
    public string Name => key.Algorithm;

    public HttpClient CreateClient(Uri server, HttpMessageHandler transport) => PortcullisHttpClient.Create(server, key, inner: transport);
}

/// <summary>
/// Requests signed <c>hmac-sha256</c> with a session key, as a bot using the client library's session keys signs
/// (<see cref="PortcullisClientOptions.UseSessionKeys"/>): each client asks for its own session key with the Ed25519 key
/// once, then signs every request with it and renews it before it expires.
/// </summary>
public sealed class SessionKeySigner(ApiKeyFile key) : IRequestSigner
{
    public string Name => "session key (hmac-sha256)";

    public HttpClient CreateClient(Uri server, HttpMessageHandler transport) =>
        PortcullisHttpClient.Create(server, key, new PortcullisClientOptions { UseSessionKeys = true, InnerHandler = transport });
}
