using Portcullis.HttpSignatures.Client;

namespace Portcullis.Client;

/// <summary>An <see cref="HttpClient"/> whose every request is signed (RFC 9421) with a bot's API key, or with session keys it issues.</summary>
public static class PortcullisHttpClient
{
    /// <summary>
    /// A client for <paramref name="server"/> that signs with <paramref name="key"/> as <paramref name="keyId"/> (default: the
    /// file's own key id): <c>@method</c>, <c>@target-uri</c>, <c>content-digest</c> and <c>content-type</c>, with a fresh
    /// <c>created</c> and <c>nonce</c> per request.
    /// </summary>
    public static HttpClient Create(Uri server, ApiKeyFile key, string? keyId = null, TimeProvider? time = null, HttpMessageHandler? inner = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(key);
        var id = keyId ?? key.KeyId ?? throw new ArgumentException("The key has no key id yet: register its public key and pass the pk_… id.", nameof(keyId));
        var signingKey = key.CreateSigningKey();
        var signing = new SigningHandler(new SigningHandlerOptions { Key = signingKey, KeyId = id }, time ?? TimeProvider.System,
            inner ?? new SocketsHttpHandler { UseCookies = false });
        return new HttpClient(new KeyOwner(signingKey) { InnerHandler = signing }, disposeHandler: true) { BaseAddress = server };
    }

    /// <summary>
    /// A client for <paramref name="server"/> that signs with <paramref name="key"/> as <paramref name="options"/> say: with
    /// <see cref="PortcullisClientOptions.UseSessionKeys"/>, through a <see cref="SessionKeyHandler"/> (the API key signs only
    /// the requests for session keys), else every request with the API key as <see cref="Create(Uri, ApiKeyFile, string?, TimeProvider?, HttpMessageHandler?)"/>.
    /// </summary>
    public static HttpClient Create(Uri server, ApiKeyFile key, PortcullisClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.UseSessionKeys)
        {
            return Create(server, key, options.KeyId, options.TimeProvider, options.InnerHandler);
        }

        var id = options.KeyId ?? key.KeyId ?? throw new ArgumentException("The key has no key id yet: register its public key and pass the pk_… id.", nameof(options));
        var signingKey = key.CreateSigningKey();
        var sessions = new SessionKeyHandler(server, signingKey, id, options.TimeProvider, options.RenewBefore,
            options.InnerHandler ?? new SocketsHttpHandler { UseCookies = false });
        return new HttpClient(new KeyOwner(signingKey) { InnerHandler = sessions }, disposeHandler: true) { BaseAddress = server };
    }

    /// <summary>Disposes the signing key with the client (the signing handler does not own it).</summary>
    private sealed class KeyOwner(IDisposable key) : DelegatingHandler
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                key.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
