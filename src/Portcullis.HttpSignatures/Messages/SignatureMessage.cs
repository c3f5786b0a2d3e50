namespace Portcullis.HttpSignatures.Messages;

/// <summary>
/// A neutral view of an HTTP request or response for signing and verifying: what RFC 9421 derives
/// components from. Adapters build it from <see cref="HttpRequestMessage"/> (client) or, in the gate, from
/// the server's request.
/// </summary>
public sealed class SignatureMessage
{
    private SignatureMessage(string? method, Uri? targetUri, int? status, HttpFields fields, ReadOnlyMemory<byte>? body, SignatureMessage? request)
    {
        Method = method;
        TargetUri = targetUri;
        Status = status;
        Fields = fields;
        Body = body;
        Request = request;
    }

    /// <summary>The request method, as sent (case-sensitive, RFC 9421 §2.2.1). Null for a response.</summary>
    public string? Method { get; }

    /// <summary>The absolute target URI of the request (§2.2.2). Null for a response.</summary>
    public Uri? TargetUri { get; }

    /// <summary>The response status code (§2.2.9). Null for a request.</summary>
    public int? Status { get; }

    public HttpFields Fields { get; }

    /// <summary>The body bytes when known; null means "not available" (a digest cannot be checked).</summary>
    public ReadOnlyMemory<byte>? Body { get; }

    /// <summary>For a response: the request it answers, for components with the <c>req</c> flag (§2.4).</summary>
    public SignatureMessage? Request { get; }

    public bool IsResponse => Status is not null;

    /// <summary>A request. <paramref name="targetUri"/> must be absolute (scheme, authority, path, query).</summary>
    public static SignatureMessage ForRequest(string method, Uri targetUri, HttpFields fields, ReadOnlyMemory<byte>? body = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        if (!targetUri.IsAbsoluteUri)
        {
            throw new ArgumentException("The target URI must be absolute.", nameof(targetUri));
        }

        return new SignatureMessage(method, targetUri, null, fields, body, null);
    }

    /// <summary>A response, optionally bound to the request it answers.</summary>
    public static SignatureMessage ForResponse(int status, HttpFields fields, ReadOnlyMemory<byte>? body = null, SignatureMessage? request = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 999);
        return new SignatureMessage(null, null, status, fields, body, request);
    }
}
