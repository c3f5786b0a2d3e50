namespace Portcullis.Server.Api.Contracts;

/// <summary>A code confirming an enrolment.</summary>
public sealed record CodeBody(string? Code)
{
    public override string ToString() => "CodeBody { }";
}
