namespace Portcullis.Server.Api.Authenticators;

/// <summary>Finish a flow with its approved push; <c>wait</c> (0–25 s) holds the request until the push is answered.</summary>
public sealed record PushCompleteBody(string? Flow, int? Wait)
{
    public override string ToString() => "PushCompleteBody { }";
}
