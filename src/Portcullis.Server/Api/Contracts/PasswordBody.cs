namespace Portcullis.Server.Api.Contracts;

/// <summary>POST /api/v1/session/reauthenticate.</summary>
public sealed record PasswordBody(string? Password)
{
    public override string ToString() => "PasswordBody { }";
}
