using System.Text;
using Portcullis.HttpSignatures.Algorithms;
using Portcullis.HttpSignatures.Components;
using Portcullis.HttpSignatures.Messages;
using Portcullis.HttpSignatures.StructuredFields;

namespace Portcullis.HttpSignatures.Signing;

/// <summary>Creates RFC 9421 signatures (§3.1).</summary>
public static class HttpMessageSigner
{
    /// <summary>Header field names (RFC 9421 §4.1, §4.2).</summary>
    public const string SignatureInputField = "Signature-Input";

    public const string SignatureField = "Signature";

    /// <summary>
    /// Signs <paramref name="message"/>. Fails with a component code when a covered component is absent;
    /// a key that cannot sign, or an <c>alg</c> that differs from the key's, is a bug and throws.
    /// </summary>
    public static HttpSignatureResult<SignedMessageSignature> Sign(SignatureMessage message, SignatureDefinition definition, HttpSignatureKey key)
    {
        if (!SfGrammar.IsKey(definition.Label))
        {
            throw new ArgumentException("The label must be an RFC 8941 key (lowercase letters, digits, _ - . *).", nameof(definition));
        }

        if (definition.Parameters.Algorithm is { } alg && !string.Equals(alg, key.Algorithm, StringComparison.Ordinal))
        {
            throw new ArgumentException($"alg '{alg}' does not match the key's algorithm '{key.Algorithm}'.", nameof(definition));
        }

        // §3.1 steps 1–3: covered components and parameters form the signature parameters inner list.
        var signatureParams = new SfInnerList(definition.Components.Select(c => c.Item).ToList(), definition.Parameters.ToSfParameters());

        // Step 4: the signature base.
        var signatureBase = SignatureBase.Create(message, signatureParams);
        if (!signatureBase.IsSuccess)
        {
            return signatureBase.Error;
        }

        // Step 5: sign the base's bytes.
        var signature = key.Sign(Encoding.UTF8.GetBytes(signatureBase.Value));

        // §4.1, §4.2: the label maps to the inner list in Signature-Input and to a byte sequence in Signature.
        var input = new SfDictionary();
        input.Set(definition.Label, new SfMember(signatureParams));
        var output = new SfDictionary();
        output.Set(definition.Label, new SfMember(new SfItem(SfBareItem.FromBytes(signature))));
        return HttpSignatureResult<SignedMessageSignature>.Success(new SignedMessageSignature(
            definition.Label, SfSerializer.Serialize(input), SfSerializer.Serialize(output), signatureBase.Value, signature));
    }
}
