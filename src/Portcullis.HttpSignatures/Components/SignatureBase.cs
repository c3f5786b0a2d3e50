using System.Text;
using Portcullis.HttpSignatures.Messages;
using Portcullis.HttpSignatures.StructuredFields;

namespace Portcullis.HttpSignatures.Components;

/// <summary>Creates the signature base of RFC 9421 §2.5.</summary>
public static class SignatureBase
{
    /// <summary>
    /// Builds the signature base for <paramref name="signatureParams"/>: the inner list of covered component
    /// identifiers with the signature parameters, exactly as serialised in <c>Signature-Input</c>.
    /// </summary>
    public static HttpSignatureResult<string> Create(SignatureMessage message, SfInnerList signatureParams)
    {
        // §2.5 step 1: an empty output.
        var output = new StringBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        // Step 2: for each covered component, in order.
        foreach (var item in signatureParams.Items)
        {
            // 2.1: the serialised component identifier, which must be a string item, and appear once.
            var component = ComponentIdentifier.FromItem(item);
            if (component is null)
            {
                return HttpSignatureResult<string>.Fail(HttpSignatureErrors.Malformed, "A covered component is not a non-empty string.");
            }

            var identifier = component.ToString();
            if (!seen.Add(identifier))
            {
                return HttpSignatureResult<string>.Fail(HttpSignatureErrors.ComponentInvalid, $"{identifier} is covered twice.");
            }

            // 2.2–2.4: the component value; a missing component fails the whole base.
            var value = ComponentValues.Resolve(message, component);
            if (!value.IsSuccess)
            {
                return value.Error;
            }

            // 2.5–2.7: identifier ": " value LF.
            output.Append(identifier).Append(": ").Append(value.Value).Append('\n');
        }

        // Step 3: the signature parameters line, without a trailing LF.
        output.Append('"').Append(DerivedComponents.SignatureParams).Append("\": ").Append(SfSerializer.Serialize(signatureParams));
        return HttpSignatureResult<string>.Success(output.ToString());
    }
}
