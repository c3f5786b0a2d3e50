using System.Text.Json;

namespace Portcullis.Server.Api.Contracts;

/// <summary>A flow step answered with the browser's <c>PublicKeyCredential</c> (an assertion) as <c>toJSON()</c> gives it.</summary>
public sealed record WebAuthnAssertionBody(string? Flow, JsonElement? Credential)
{
    public override string ToString() => "WebAuthnAssertionBody { }";
}
