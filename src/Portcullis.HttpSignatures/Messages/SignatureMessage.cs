namespace Portcullis.HttpSignatures.Messages;

/// <summary>
/// A neutral view of an HTTP request or response for signing and verifying: what RFC 9421 derives
/// components from. Adapters build it from <see cref="HttpRequestMessage"/> (client) or, in the gate, from
/// the server's request.
/// </summary>
public sealed class SignatureMessage
{
    private SignatureMessage(string? method, Uri? targetUri, string? requestTarget, int? status, HttpFields fields, ReadOnlyMemory<byte>? body, SignatureMessage? request)
    {
        Method = method;
        TargetUri = targetUri;
        RequestTarget = requestTarget;
        Status = status;
        Fields = fields;
        Body = body;
        Request = request;
    }

    /// <summary>The request method, as sent (case-sensitive, RFC 9421 §2.2.1). Null for a response.</summary>
    public string? Method { get; }

    /// <summary>The absolute target URI of the request (§2.2.2). Null for a response.</summary>
    public Uri? TargetUri { get; }

    /// <summary>
    /// The request target exactly as on the wire, in origin form (path and query, e.g. <c>/a?b=%2D</c>), or
    /// <c>*</c>. @path, @query, @query-param, @request-target and the path of @target-uri come from it, so
    /// percent-encoding is signed as sent and not as <see cref="Uri"/> normalises it. Null for a response.
    /// </summary>
    public string? RequestTarget { get; }

    /// <summary>The response status code (§2.2.9). Null for a request.</summary>
    public int? Status { get; }

    public HttpFields Fields { get; }

    /// <summary>The body bytes when known; null means "not available" (a digest cannot be checked).</summary>
    public ReadOnlyMemory<byte>? Body { get; }

    /// <summary>For a response: the request it answers, for components with the <c>req</c> flag (§2.4).</summary>
    public SignatureMessage? Request { get; }

    public bool IsResponse => Status is not null;

    /// <summary>
    /// A request. <paramref name="targetUri"/> must be absolute; scheme and authority come from it.
    /// <paramref name="requestTarget"/> is the raw origin-form target as received (servers: pass the raw
    /// target, e.g. Kestrel's <c>IHttpRequestFeature.RawTarget</c>); by default it is
    /// <see cref="Uri.PathAndQuery"/>, which is what <see cref="HttpClient"/> sends.
    /// </summary>
    public static SignatureMessage ForRequest(string method, Uri targetUri, HttpFields fields, ReadOnlyMemory<byte>? body = null, string? requestTarget = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        if (!targetUri.IsAbsoluteUri)
        {
            throw new ArgumentException("The target URI must be absolute.", nameof(targetUri));
        }

        requestTarget ??= targetUri.PathAndQuery;
        if (!(requestTarget == "*" || requestTarget.StartsWith('/')) || requestTarget.AsSpan().ContainsAnyExceptInRange((char)0x21, (char)0x7E) || requestTarget.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException("The request target must be origin-form printable ASCII without a fragment.", nameof(requestTarget));
        }

        return new SignatureMessage(method, targetUri, requestTarget, null, fields, body, null);
    }

    /// <summary>A response, optionally bound to the request it answers.</summary>
    public static SignatureMessage ForResponse(int status, HttpFields fields, ReadOnlyMemory<byte>? body = null, SignatureMessage? request = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 999);
        return new SignatureMessage(null, null, null, status, fields, body, request);
    }
}
