namespace Portcullis.Server.Api.Contracts;

/// <summary>A session whose token was replaced; <see cref="Token"/> is present for native clients only.</summary>
public sealed record TokenResponse(SessionView Session, string? Token)
{
    public override string ToString() => $"TokenResponse {{ Session = {Session.Id} }}";
}
