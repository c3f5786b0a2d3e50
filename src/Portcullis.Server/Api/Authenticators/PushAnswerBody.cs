namespace Portcullis.Server.Api.Authenticators;

/// <summary>
/// An answer: <c>decision</c> <c>approve</c> (with the <c>number</c> picked) or <c>deny</c>, and the Ed25519
/// <c>signature</c> (base64url) over <c>portcullis-push-v1\n{id}\n{nonce}\n{decision}\n{number}\n{summary}</c>.
/// </summary>
public sealed record PushAnswerBody(string? Decision, int? Number, string? Signature)
{
    public override string ToString() => $"PushAnswerBody {{ Decision = {Decision} }}";
}
