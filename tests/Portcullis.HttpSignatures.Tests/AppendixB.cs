using System.Text;
using System.Text.Json;
using Portcullis.HttpSignatures.Algorithms;
using Portcullis.HttpSignatures.Digests;
using Portcullis.HttpSignatures.Messages;

namespace Portcullis.HttpSignatures.Tests;

/// <summary>RFC 9421 Appendix B as published (Vectors/rfc9421-appendix-b.json), turned into messages and keys.</summary>
internal static class AppendixB
{
    public const long Created = 1618884473;

    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "rfc9421-appendix-b.json"))).RootElement);

    public static JsonElement Case(string name) => Root.Value.GetProperty(name);

    public static string Text(string name) => Root.Value.GetProperty(name).GetString()!;

    public static string CaseText(string name, string property) => Case(name).GetProperty(property).GetString()!;

    /// <summary>The test request of B.2 (its headers in the published order).</summary>
    public static SignatureMessage Request()
    {
        var request = Case("TEST_REQUEST");
        return SignatureMessage.ForRequest(
            request.GetProperty("method").GetString()!,
            new Uri(request.GetProperty("url").GetString()!),
            Fields(request.GetProperty("headers")),
            Encoding.UTF8.GetBytes(request.GetProperty("body").GetString()!));
    }

    /// <summary>
    /// The test response of B.2. Its printed Content-Digest does not match its body (vectors README); the
    /// published B.2.4 signature covers the correct digest, so the field is replaced by the body's sha-512.
    /// </summary>
    public static SignatureMessage Response(bool fixDigest = true)
    {
        var response = Case("TEST_RESPONSE");
        var body = Encoding.UTF8.GetBytes(response.GetProperty("body").GetString()!);
        var fields = Fields(response.GetProperty("headers"));
        if (fixDigest)
        {
            fields.Remove("Content-Digest");
            fields.Add("Content-Digest", ContentDigest.Create(body, ContentDigest.Sha512));
        }

        return SignatureMessage.ForResponse(response.GetProperty("status").GetInt32(), fields, body, Request());
    }

    public static HttpSignatureKey RsaPss() => RsaHttpKey.FromPem(Text("TEST_KEY_RSA_PSS_PUBLIC_PEM"), SignatureAlgorithms.RsaPssSha512);

    public static EcdsaP256HttpKey EcdsaPrivatePem() => EcdsaP256HttpKey.FromPem(Text("TEST_KEY_ECC_P256_PRIVATE_PEM"));

    public static EcdsaP256HttpKey EcdsaPublicPem() => EcdsaP256HttpKey.FromPem(Text("TEST_KEY_ECC_P256_PUBLIC_PEM"));

    public static EcdsaP256HttpKey EcdsaJwk(bool withPrivate)
    {
        var jwk = Case("TEST_KEY_ECC_P256_JWK");
        return EcdsaP256HttpKey.FromJwk(jwk.GetProperty("x").GetString()!, jwk.GetProperty("y").GetString()!, withPrivate ? jwk.GetProperty("d").GetString() : null);
    }

    public static Ed25519HttpKey Ed25519PrivatePem() => Ed25519HttpKey.FromPrivateKeyPem(Text("TEST_KEY_ED25519_PRIVATE_PEM"));

    public static Ed25519HttpKey Ed25519PublicPem() => Ed25519HttpKey.FromPublicKeyPem(Text("TEST_KEY_ED25519_PUBLIC_PEM"));

    public static Ed25519HttpKey Ed25519Jwk(bool withPrivate)
    {
        var jwk = Case("TEST_KEY_ED25519_JWK");
        return Ed25519HttpKey.FromJwk(jwk.GetProperty("x").GetString()!, withPrivate ? jwk.GetProperty("d").GetString() : null);
    }

    public static HmacSha256HttpKey SharedSecret() => new(Convert.FromBase64String(Text("TEST_SHARED_SECRET_B64")));

    private static HttpFields Fields(JsonElement headers)
    {
        var fields = new HttpFields();
        foreach (var header in headers.EnumerateObject())
        {
            fields.Add(header.Name, header.Value.GetString()!);
        }

        return fields;
    }
}
