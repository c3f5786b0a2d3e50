using Portcullis.Core.Results;

namespace Portcullis.Core.Factors.RecoveryCodes;

/// <summary>Stable codes of recovery codes. A wrong or used code is <see cref="FactorErrors.Invalid"/>.</summary>
public static class RecoveryCodeErrors
{
    public const string StrongFactorRequiredCode = "recovery_codes.strong_factor_required";
    public const string AlreadyIssuedCode = "recovery_codes.already_issued";

    public static Error StrongFactorRequired() => new(StrongFactorRequiredCode,
        "Recovery codes back up a strong second factor: enrol a security key or an authenticator app first.");

    public static Error AlreadyIssued() => new(AlreadyIssuedCode, "This account already has recovery codes.");
}
