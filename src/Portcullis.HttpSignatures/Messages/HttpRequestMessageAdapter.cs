namespace Portcullis.HttpSignatures.Messages;

/// <summary>Builds a <see cref="SignatureMessage"/> from an outgoing <see cref="HttpRequestMessage"/> (client side).</summary>
public static class HttpRequestMessageAdapter
{
    /// <summary>
    /// Reads method, URI, request and content headers (raw, unvalidated values) and the body. Reading the
    /// body buffers the content so it can still be sent.
    /// </summary>
    public static async Task<SignatureMessage> ToSignatureMessageAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        if (!uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException("The request URI must be absolute: set HttpClient.BaseAddress or use an absolute URI.");
        }

        var fields = new HttpFields();
        foreach (var (name, values) in request.Headers.NonValidated)
        {
            foreach (var value in values)
            {
                fields.Add(name, value);
            }
        }

        ReadOnlyMemory<byte>? body = null;
        if (request.Content is { } content)
        {
            var bytes = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            body = bytes;
            foreach (var (name, values) in content.Headers.NonValidated)
            {
                foreach (var value in values)
                {
                    fields.Add(name, value);
                }
            }
        }

        return SignatureMessage.ForRequest(request.Method.Method, uri, fields, body);
    }
}
