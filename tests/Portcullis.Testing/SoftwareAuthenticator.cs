using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portcullis.Testing;

/// <summary>
/// A WebAuthn authenticator and client in software, for tests: one ES256 (P-256) credential that answers
/// creation and request options the way a browser's <c>navigator.credentials.create()/get()</c> does, and
/// returns what <c>PublicKeyCredential.toJSON()</c> gives (WebAuthn Level 3 §5.1, §6.1, §6.5).
/// Every property a test may want to get wrong on purpose (origin, RP ID, flags, counter) is settable.
/// </summary>
public sealed class SoftwareAuthenticator : IDisposable
{
    private const byte FlagUserPresent = 0x01;
    private const byte FlagUserVerified = 0x04;
    private const byte FlagBackupEligible = 0x08;
    private const byte FlagBackedUp = 0x10;
    private const byte FlagAttestedCredentialData = 0x40;

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public SoftwareAuthenticator(string origin)
    {
        Origin = origin;
        CredentialId = RandomNumberGenerator.GetBytes(32);
    }

    /// <summary>The origin the "browser" writes into client data, e.g. <c>http://localhost:5080</c>.</summary>
    public string Origin { get; set; }

    /// <summary>The RP ID hashed into authenticator data; <c>null</c> (default): the one the options name, as a browser does.</summary>
    public string? RpId { get; set; }

    public byte[] CredentialId { get; }

    /// <summary>The authenticator model, written big-endian as WebAuthn §6.5.1 requires.</summary>
    public Guid AaGuid { get; init; }

    /// <summary>The BE flag: a synced passkey rather than a device-bound key.</summary>
    public bool BackupEligible { get; init; }

    /// <summary>The BS flag (only meaningful with <see cref="BackupEligible"/>).</summary>
    public bool BackedUp { get; init; }

    public bool UserPresent { get; set; } = true;

    public bool UserVerified { get; set; } = true;

    /// <summary>What the authenticator returns when the options ask for attestation (a browser strips it for <c>none</c>).</summary>
    public SoftwareAttestation Attestation { get; init; } = SoftwareAttestation.None;

    /// <summary>The signature counter: raised before every assertion when <see cref="CountsSignatures"/>.</summary>
    public uint SignCount { get; set; }

    /// <summary>Whether the counter is used at all (synced passkeys usually report 0 forever).</summary>
    public bool CountsSignatures { get; set; } = true;

    public IReadOnlyList<string> Transports { get; init; } = ["usb"];

    /// <summary>The user handle received at registration, returned in assertions (a discoverable credential).</summary>
    public byte[]? UserHandle { get; private set; }

    public static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }

    /// <summary>
    /// <c>navigator.credentials.create({ publicKey: options })</c>: returns the registration response JSON.
    /// Honours <c>excludeCredentials</c> as a browser does (InvalidStateError) unless <paramref name="ignoreExcludeList"/>.
    /// </summary>
    public JsonObject Register(JsonElement options, bool ignoreExcludeList = false)
    {
        if (!ignoreExcludeList && options.TryGetProperty("excludeCredentials", out var excluded) &&
            excluded.EnumerateArray().Any(c => FromBase64Url(c.GetProperty("id").GetString()!).AsSpan().SequenceEqual(CredentialId)))
        {
            throw new InvalidOperationException("InvalidStateError: this authenticator already holds a credential for the user.");
        }

        var rpId = RpId ?? (options.GetProperty("rp").TryGetProperty("id", out var id) ? id.GetString()! : new Uri(Origin).Host);
        UserHandle = FromBase64Url(options.GetProperty("user").GetProperty("id").GetString()!);
        var clientData = ClientData("webauthn.create", options.GetProperty("challenge").GetString()!);
        var flags = (byte)(Flags() | FlagAttestedCredentialData);
        var authData = AuthenticatorData(rpId, flags, SignCount, AttestedCredentialData());
        var conveyance = options.TryGetProperty("attestation", out var a) ? a.GetString() : "none";
        var format = conveyance is null or "none" ? SoftwareAttestation.None : Attestation;
        var attestationObject = AttestationObject(format, authData, SHA256.HashData(clientData));
        var publicKey = _key.ExportSubjectPublicKeyInfo();
        return new JsonObject
        {
            ["id"] = Base64Url(CredentialId),
            ["rawId"] = Base64Url(CredentialId),
            ["type"] = "public-key",
            ["authenticatorAttachment"] = "cross-platform",
            ["response"] = new JsonObject
            {
                ["clientDataJSON"] = Base64Url(clientData),
                ["authenticatorData"] = Base64Url(authData),
                ["transports"] = new JsonArray(Transports.Select(t => (JsonNode)t).ToArray()),
                ["publicKey"] = Base64Url(publicKey),
                ["publicKeyAlgorithm"] = -7,
                ["attestationObject"] = Base64Url(attestationObject),
            },
            ["clientExtensionResults"] = new JsonObject(),
        };
    }

    /// <summary>
    /// <c>navigator.credentials.get({ publicKey: options })</c>: returns the authentication response JSON.
    /// Refuses (NotAllowedError) when <c>allowCredentials</c> does not list this credential.
    /// </summary>
    public JsonObject Assert(JsonElement options)
    {
        if (options.TryGetProperty("allowCredentials", out var allowed) && allowed.GetArrayLength() > 0 &&
            !allowed.EnumerateArray().Any(c => FromBase64Url(c.GetProperty("id").GetString()!).AsSpan().SequenceEqual(CredentialId)))
        {
            throw new InvalidOperationException("NotAllowedError: no credential on this authenticator is allowed.");
        }

        var rpId = RpId ?? (options.TryGetProperty("rpId", out var id) ? id.GetString()! : new Uri(Origin).Host);
        if (CountsSignatures)
        {
            SignCount++;
        }

        var clientData = ClientData("webauthn.get", options.GetProperty("challenge").GetString()!);
        var authData = AuthenticatorData(rpId, Flags(), SignCount, null);
        var signature = Sign(authData, SHA256.HashData(clientData));
        var response = new JsonObject
        {
            ["clientDataJSON"] = Base64Url(clientData),
            ["authenticatorData"] = Base64Url(authData),
            ["signature"] = Base64Url(signature),
        };
        if (UserHandle is not null)
        {
            response["userHandle"] = Base64Url(UserHandle);
        }

        return new JsonObject
        {
            ["id"] = Base64Url(CredentialId),
            ["rawId"] = Base64Url(CredentialId),
            ["type"] = "public-key",
            ["authenticatorAttachment"] = "cross-platform",
            ["response"] = response,
            ["clientExtensionResults"] = new JsonObject(),
        };
    }

    public void Dispose() => _key.Dispose();

    private byte Flags() =>
        (byte)((UserPresent ? FlagUserPresent : 0) | (UserVerified ? FlagUserVerified : 0) |
               (BackupEligible ? FlagBackupEligible : 0) | (BackedUp ? FlagBackedUp : 0));

    /// <summary>WebAuthn §5.8.1: the JSON-compatible serialisation of client data, in the order browsers write it.</summary>
    private byte[] ClientData(string type, string challenge) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new JsonObject
        {
            ["type"] = type,
            ["challenge"] = challenge,
            ["origin"] = Origin,
            ["crossOrigin"] = false,
        }));

    /// <summary>WebAuthn §6.1: rpIdHash (32) | flags (1) | signCount (4, big-endian) | attestedCredentialData.</summary>
    private static byte[] AuthenticatorData(string rpId, byte flags, uint signCount, byte[]? attestedCredentialData)
    {
        var data = new byte[37 + (attestedCredentialData?.Length ?? 0)];
        SHA256.HashData(Encoding.UTF8.GetBytes(rpId)).CopyTo(data, 0);
        data[32] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(33, 4), signCount);
        attestedCredentialData?.CopyTo(data, 37);
        return data;
    }

    /// <summary>WebAuthn §6.5.1: aaguid (16) | credentialIdLength (2, big-endian) | credentialId | credentialPublicKey (COSE).</summary>
    private byte[] AttestedCredentialData()
    {
        var cose = CoseKey();
        var data = new byte[18 + CredentialId.Length + cose.Length];
        AaGuid.ToByteArray(bigEndian: true).CopyTo(data, 0);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(16, 2), (ushort)CredentialId.Length);
        CredentialId.CopyTo(data, 18);
        cose.CopyTo(data, 18 + CredentialId.Length);
        return data;
    }

    /// <summary>RFC 9053 §7.1.1: an EC2 key, kty 2, alg ES256 (-7), crv P-256 (1), x and y.</summary>
    private byte[] CoseKey()
    {
        var p = _key.ExportParameters(includePrivateParameters: false);
        var writer = new CborWriter(CborConformanceMode.Ctap2Canonical);
        writer.WriteStartMap(5);
        writer.WriteInt32(1);
        writer.WriteInt32(2);
        writer.WriteInt32(3);
        writer.WriteInt32(-7);
        writer.WriteInt32(-1);
        writer.WriteInt32(1);
        writer.WriteInt32(-2);
        writer.WriteByteString(p.Q.X!);
        writer.WriteInt32(-3);
        writer.WriteByteString(p.Q.Y!);
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>WebAuthn §6.5.4: {fmt, attStmt, authData}; packed attestation per §8.2.</summary>
    private byte[] AttestationObject(SoftwareAttestation format, byte[] authData, byte[] clientDataHash)
    {
        var writer = new CborWriter(CborConformanceMode.Ctap2Canonical);
        writer.WriteStartMap(3);
        writer.WriteTextString("fmt");
        writer.WriteTextString(format == SoftwareAttestation.None ? "none" : "packed");
        writer.WriteTextString("attStmt");
        switch (format)
        {
            case SoftwareAttestation.None:
                writer.WriteStartMap(0);
                writer.WriteEndMap();
                break;
            case SoftwareAttestation.PackedSelf:
                // §8.2 self attestation: alg and a signature by the credential key itself.
                writer.WriteStartMap(2);
                writer.WriteTextString("alg");
                writer.WriteInt32(-7);
                writer.WriteTextString("sig");
                writer.WriteByteString(Sign(authData, clientDataHash));
                writer.WriteEndMap();
                break;
            case SoftwareAttestation.PackedBasic:
                // §8.2 basic attestation: signed by an attestation key whose certificate meets §8.2.1.
                using (var attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    var certificate = AttestationCertificate(attestationKey);
                    writer.WriteStartMap(3);
                    writer.WriteTextString("alg");
                    writer.WriteInt32(-7);
                    writer.WriteTextString("sig");
                    writer.WriteByteString(attestationKey.SignData([.. authData, .. clientDataHash], HashAlgorithmName.SHA256,
                        DSASignatureFormat.Rfc3279DerSequence));
                    writer.WriteTextString("x5c");
                    writer.WriteStartArray(1);
                    writer.WriteByteString(certificate);
                    writer.WriteEndArray();
                    writer.WriteEndMap();
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }

        writer.WriteTextString("authData");
        writer.WriteByteString(authData);
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>WebAuthn §8.2.1: version 3, subject C/O/OU="Authenticator Attestation"/CN, not a CA, the AAGUID extension.</summary>
    private byte[] AttestationCertificate(ECDsa attestationKey)
    {
        var request = new CertificateRequest("C=SE, O=Portcullis Test Keys, OU=Authenticator Attestation, CN=Software Authenticator",
            attestationKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        var aaguid = new byte[18];
        aaguid[0] = 0x04; // OCTET STRING wrapping the 16-byte AAGUID (id-fido-gen-ce-aaguid)
        aaguid[1] = 16;
        AaGuid.ToByteArray(bigEndian: true).CopyTo(aaguid, 2);
        request.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.45724.1.1.4", aaguid, critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        return certificate.RawData;
    }

    /// <summary>ES256 over authenticatorData || SHA-256(clientDataJSON), DER-encoded as WebAuthn §6.5.5 requires.</summary>
    private byte[] Sign(byte[] authData, byte[] clientDataHash) =>
        _key.SignData([.. authData, .. clientDataHash], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
}
