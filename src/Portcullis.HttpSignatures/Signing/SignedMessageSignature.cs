namespace Portcullis.HttpSignatures.Signing;

/// <summary>A signature produced by <see cref="HttpMessageSigner"/>, ready to be added to the message.</summary>
/// <param name="Label">The dictionary key in both fields.</param>
/// <param name="SignatureInputValue">The <c>Signature-Input</c> field value, e.g. <c>sig=("@method");created=1</c>.</param>
/// <param name="SignatureValue">The <c>Signature</c> field value, e.g. <c>sig=:base64:</c>.</param>
/// <param name="SignatureBase">The exact signature base that was signed (§2.5).</param>
/// <param name="Signature">The raw signature bytes.</param>
public sealed record SignedMessageSignature(string Label, string SignatureInputValue, string SignatureValue, string SignatureBase, byte[] Signature);
