using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NSec.Cryptography;
using Portcullis.HttpSignatures.Algorithms;

namespace Portcullis.Client;

/// <summary>
/// A bot's API key as a file: the <c>keyid</c> the gate knows it by, the algorithm, and the private half (PKCS#8 PEM for
/// <c>ed25519</c> and <c>ecdsa-p256-sha256</c>) or the shared secret (base64url, for a legacy <c>hmac-sha256</c> key). The
/// private key is generated here, on the client: the gate only ever sees the public half. Files are written owner-only.
/// </summary>
public sealed record ApiKeyFile
{
    public const string Ed25519 = "ed25519";
    public const string EcdsaP256 = "ecdsa-p256-sha256";
    public const string HmacSha256 = "hmac-sha256";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>The gate's <c>pk_…</c> identifier; <c>null</c> until the public key has been registered.</summary>
    public string? KeyId { get; init; }

    public required string Algorithm { get; init; }

    /// <summary>PKCS#8 PEM of the private key (asymmetric kinds).</summary>
    public string? PrivateKey { get; init; }

    /// <summary>Base64url of the shared secret (HMAC keys only).</summary>
    public string? Secret { get; init; }

    /// <summary>A new key pair generated on this machine (<see cref="Ed25519"/> or <see cref="EcdsaP256"/>).</summary>
    public static ApiKeyFile Generate(string algorithm)
    {
        switch (algorithm)
        {
            case Ed25519:
                using (var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }))
                {
                    return new ApiKeyFile { Algorithm = algorithm, PrivateKey = Encoding.ASCII.GetString(key.Export(KeyBlobFormat.PkixPrivateKeyText)) };
                }

            case EcdsaP256:
                using (var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    return new ApiKeyFile { Algorithm = algorithm, PrivateKey = ecdsa.ExportPkcs8PrivateKeyPem() };
                }

            default:
                throw new ArgumentException($"Generate an {Ed25519} or {EcdsaP256} key; an HMAC secret is issued by the gate.", nameof(algorithm));
        }
    }

    /// <summary>The public half as PEM (<c>BEGIN PUBLIC KEY</c>), the form <c>POST /api/v1/api-keys</c> takes.</summary>
    public string PublicKeyPem()
    {
        switch (Algorithm)
        {
            case Ed25519:
                using (var key = Key.Import(SignatureAlgorithm.Ed25519, Encoding.ASCII.GetBytes(RequirePrivateKey()), KeyBlobFormat.PkixPrivateKeyText))
                {
                    return Encoding.ASCII.GetString(key.PublicKey.Export(KeyBlobFormat.PkixPublicKeyText));
                }

            case EcdsaP256:
                using (var ecdsa = ECDsa.Create())
                {
                    ecdsa.ImportFromPem(RequirePrivateKey());
                    return ecdsa.ExportSubjectPublicKeyInfoPem();
                }

            default:
                throw new InvalidOperationException("An HMAC key has no public half.");
        }
    }

    /// <summary>The signing key for <see cref="HttpSignatures.Client.SigningHandler"/>; dispose it with the handler.</summary>
    public HttpSignatureKey CreateSigningKey() => Algorithm switch
    {
        Ed25519 => Ed25519HttpKey.FromPrivateKeyPem(RequirePrivateKey()),
        EcdsaP256 => EcdsaP256HttpKey.FromPem(RequirePrivateKey()),
        HmacSha256 => new HmacSha256HttpKey(Base64Url.DecodeFromChars(Secret ?? throw new InvalidDataException("The key file has no secret."))),
        _ => throw new InvalidDataException($"Unknown algorithm '{Algorithm}' in the key file."),
    };

    public static ApiKeyFile Load(string path)
    {
        ApiKeyFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ApiKeyFile>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not an API key file.", e);
        }

        return file ?? throw new InvalidDataException($"{path} is not an API key file.");
    }

    /// <summary>Writes the file readable by its owner only; refuses to replace an existing file unless <paramref name="overwrite"/>.</summary>
    public void Save(string path, bool overwrite = false)
    {
        var options = new FileStreamOptions { Mode = overwrite ? FileMode.Create : FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        JsonSerializer.Serialize(stream, this, Json);
    }

    private string RequirePrivateKey() => PrivateKey ?? throw new InvalidDataException("The key file has no private key.");
}
