using System.Buffers.Binary;
using System.Text.Json;
using Fido2NetLib;

namespace Portcullis.Core.Factors.WebAuthn;

/// <summary>
/// Reads the browser's <c>PublicKeyCredential</c> JSON (WebAuthn §5.1, <c>toJSON()</c>) into Fido2's raw
/// responses, refusing anything incomplete before it reaches verification.
/// </summary>
internal static class WebAuthnResponses
{
    /// <summary>The largest credential id WebAuthn allows (§5.8.3: at most 1023 bytes).</summary>
    public const int MaxCredentialIdLength = 1023;

    public static AuthenticatorAttestationRawResponse? ParseAttestation(string? json)
    {
        var raw = Parse<AuthenticatorAttestationRawResponse>(json);
        return raw is { Response.AttestationObject.Length: > 0, Response.ClientDataJson.Length: > 0 } && IdsAgree(raw.Id, raw.RawId) ? raw : null;
    }

    public static AuthenticatorAssertionRawResponse? ParseAssertion(string? json)
    {
        var raw = Parse<AuthenticatorAssertionRawResponse>(json);
        return raw is { Response.AuthenticatorData.Length: >= 37, Response.ClientDataJson.Length: > 0, Response.Signature.Length: > 0 } &&
               IdsAgree(raw.Id, raw.RawId)
            ? raw
            : null;
    }

    /// <summary>The signature counter in authenticator data (WebAuthn §6.1: bytes 33–36, big-endian).</summary>
    public static uint SignCount(ReadOnlySpan<byte> authenticatorData) =>
        authenticatorData.Length >= 37 ? BinaryPrimitives.ReadUInt32BigEndian(authenticatorData.Slice(33, 4)) : 0;

    /// <summary>The BE flag in authenticator data (WebAuthn §6.1: flags bit 3).</summary>
    public static bool BackupEligible(ReadOnlySpan<byte> authenticatorData) =>
        authenticatorData.Length >= 33 && (authenticatorData[32] & 0x08) != 0;

    /// <summary>§5.1: <c>id</c> is the base64url encoding of <c>rawId</c>; both must be there and agree.</summary>
    private static bool IdsAgree(string? id, byte[]? rawId) =>
        rawId is { Length: > 0 and <= MaxCredentialIdLength } && id is not null &&
        string.Equals(id, Convert.ToBase64String(rawId).TrimEnd('=').Replace('+', '-').Replace('/', '_'), StringComparison.Ordinal);

    private static T? Parse<T>(string? json)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json);
        }
        catch (Exception ex) when (WebAuthnFailure.IsRefusal(ex))
        {
            return null;
        }
    }
}
