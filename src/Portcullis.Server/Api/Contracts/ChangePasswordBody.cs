namespace Portcullis.Server.Api.Contracts;

/// <summary>POST /api/v1/me/password.</summary>
public sealed record ChangePasswordBody(string? CurrentPassword, string? NewPassword)
{
    public override string ToString() => "ChangePasswordBody { }";
}
