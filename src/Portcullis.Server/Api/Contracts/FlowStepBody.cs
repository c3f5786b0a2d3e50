namespace Portcullis.Server.Api.Contracts;

/// <summary>A flow step carrying a code: TOTP, offline code, SMS code or recovery code.</summary>
public sealed record FlowStepBody(string? Flow, string? Code)
{
    public override string ToString() => "FlowStepBody { }";
}
