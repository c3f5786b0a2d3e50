namespace Portcullis.Core.Factors;

/// <summary>A second factor verified just now.</summary>
/// <param name="Factor">The factor (tracked in the unit that verified it).</param>
/// <param name="Method">The authentication method to record, e.g. <c>totp</c> or <c>offline_code</c>.</param>
/// <param name="DeviceBound">For WebAuthn: the key cannot leave its device.</param>
public sealed record FactorProof(Factor Factor, string Method, bool DeviceBound = false);
