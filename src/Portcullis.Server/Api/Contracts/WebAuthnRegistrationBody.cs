using System.Text.Json;

namespace Portcullis.Server.Api.Contracts;

/// <summary>
/// The second registration call: the challenge id from the options call, an optional name, and the browser's
/// <c>PublicKeyCredential</c> as <c>toJSON()</c> gives it.
/// </summary>
public sealed record WebAuthnRegistrationBody(Guid? ChallengeId, string? Name, JsonElement? Credential)
{
    public override string ToString() => $"WebAuthnRegistrationBody {{ ChallengeId = {ChallengeId} }}";
}
