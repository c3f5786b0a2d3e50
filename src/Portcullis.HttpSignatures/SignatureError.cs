namespace Portcullis.HttpSignatures;

/// <summary>
/// An expected failure: a stable <see cref="Code"/> (see <see cref="HttpSignatureErrors"/> and
/// <see cref="StructuredFields.SfErrors"/>) and a detail message for logs. The detail may say which part
/// failed: show the caller only the code.
/// </summary>
public sealed record SignatureError(string Code, string Message);
