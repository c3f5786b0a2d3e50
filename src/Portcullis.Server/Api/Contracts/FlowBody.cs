namespace Portcullis.Server.Api.Contracts;

/// <summary>A flow step without further data (e.g. asking for WebAuthn options or sending a push).</summary>
public sealed record FlowBody(string? Flow, Guid? FactorId)
{
    public override string ToString() => "FlowBody { }";
}
