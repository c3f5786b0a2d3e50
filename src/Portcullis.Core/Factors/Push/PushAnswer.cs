namespace Portcullis.Core.Factors.Push;

/// <summary>An authenticator's answer to a push, as sent: the decision, the number picked and the signature over both.</summary>
public sealed record PushAnswer(string? Decision, int? Number, string? Signature)
{
    public override string ToString() => $"PushAnswer {{ Decision = {Decision} }}";
}
