using Portcullis.HttpSignatures.Components;
using Portcullis.HttpSignatures.Digests;
using Portcullis.HttpSignatures.Messages;
using Portcullis.HttpSignatures.Signing;

namespace Portcullis.HttpSignatures.Client;

/// <summary>
/// An <see cref="HttpClient"/> handler that signs every request (RFC 9421) the way the gate verifies it:
/// a <c>Content-Digest</c> (RFC 9530) when there is content, then a signature over <c>@method</c>,
/// <c>@target-uri</c>, <c>content-digest</c> and the configured fields, with <c>created</c> from the
/// <see cref="TimeProvider"/>, a fresh random <c>nonce</c>, <c>keyid</c> and <c>alg</c>. Earlier
/// <c>Signature</c>, <c>Signature-Input</c> and <c>Content-Digest</c> fields are replaced, so retries re-sign.
/// </summary>
public sealed class SigningHandler : DelegatingHandler
{
    private readonly SigningHandlerOptions _options;
    private readonly TimeProvider _time;

    public SigningHandler(SigningHandlerOptions options, TimeProvider timeProvider)
    {
        if (!options.Key.CanSign)
        {
            throw new ArgumentException("The signing key has no private material.", nameof(options));
        }

        ArgumentException.ThrowIfNullOrEmpty(options.KeyId);
        _options = options;
        _time = timeProvider;
    }

    public SigningHandler(SigningHandlerOptions options, TimeProvider timeProvider, HttpMessageHandler innerHandler)
        : this(options, timeProvider) => InnerHandler = innerHandler;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await SignAsync(request, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds Content-Digest, Signature-Input and Signature to <paramref name="request"/>.</summary>
    public async Task SignAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(HttpMessageSigner.SignatureInputField);
        request.Headers.Remove(HttpMessageSigner.SignatureField);
        var components = new List<ComponentIdentifier> { ComponentIdentifier.Method, ComponentIdentifier.TargetUri };
        if (request.Content is { } content)
        {
            var body = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            content.Headers.Remove(ContentDigest.FieldName);
            content.Headers.TryAddWithoutValidation(ContentDigest.FieldName, ContentDigest.Create(body, _options.DigestAlgorithm));
            components.Add(ComponentIdentifier.Field("content-digest"));
        }

        var message = await HttpRequestMessageAdapter.ToSignatureMessageAsync(request, cancellationToken).ConfigureAwait(false);
        foreach (var extra in _options.AdditionalComponents)
        {
            if (!components.Contains(extra) && (extra.IsDerived || message.Fields.Contains(extra.Name)))
            {
                components.Add(extra);
            }
        }

        var created = _time.GetUtcNow();
        var parameters = new SignatureParameters
        {
            Created = created,
            Expires = _options.Lifetime is { } lifetime ? created + lifetime : null,
            KeyId = _options.KeyId,
            Algorithm = _options.Key.Algorithm,
            Nonce = SignatureParameters.NewNonce(),
            Tag = _options.Tag,
        };
        var signed = HttpMessageSigner.Sign(message, new SignatureDefinition(_options.Label, components, parameters), _options.Key);
        if (!signed.IsSuccess)
        {
            throw new InvalidOperationException($"Cannot sign the request: {signed.Error.Code} {signed.Error.Message}");
        }

        request.Headers.TryAddWithoutValidation(HttpMessageSigner.SignatureInputField, signed.Value.SignatureInputValue);
        request.Headers.TryAddWithoutValidation(HttpMessageSigner.SignatureField, signed.Value.SignatureValue);
    }
}
