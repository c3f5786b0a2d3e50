using Portcullis.Core.Results;

namespace Portcullis.Core.Factors;

/// <summary>
/// Stable codes for second factors and sign-in flows. Callers without a session learn only that a proof
/// was not accepted, never which part failed; the audit log records the reason.
/// </summary>
public static class FactorErrors
{
    public const string FlowInvalidCode = "flow.invalid";
    public const string FlowFailedCode = "flow.failed";
    public const string InvalidCode = "factor.invalid";
    public const string NotAvailableCode = "factor.not_available";
    public const string ThrottledCode = "factor.throttled";
    public const string LastStrongFactorCode = "factor.last_strong_factor";
    public const string NotFoundCode = "factor.not_found";
    public const string DisabledCode = "factor.disabled";
    public const string ChallengePendingCode = "factor.challenge_pending";
    public const string EnrollmentInvalidCode = "factor.enrollment_invalid";
    public const string EnrollmentRequiredCode = "session.factor_enrollment_required";

    public static Error FlowInvalid() => new(FlowInvalidCode, "This sign-in has expired or is unknown. Start again with your password.");

    public static Error FlowFailed() => new(FlowFailedCode, "Too many failed attempts in this sign-in. Start again with your password.");

    public static Error Invalid() => new(InvalidCode, "The second factor was not accepted.");

    public static Error NotAvailable() => new(NotAvailableCode, "This second factor is not available for this account.");

    public static Error Throttled(TimeSpan retryAfter) =>
        new(ThrottledCode, "Too many failed second-factor attempts. Wait before trying again.") { RetryAfter = retryAfter };

    public static Error LastStrongFactor() => new(LastStrongFactorCode,
        "This is your last strong second factor: enrol another before removing it.");

    public static Error NotFound() => new(NotFoundCode, "No such factor.");

    public static Error Disabled() => new(DisabledCode, "This kind of second factor is switched off here.");

    public static Error ChallengePending() => new(ChallengePendingCode,
        "Too many unanswered approval requests. Answer or wait for the ones already sent.");

    public static Error EnrollmentInvalid() => new(EnrollmentInvalidCode, "The enrolment was not accepted: it is unknown, expired or already used.");

    public static Error EnrollmentRequired() => new(EnrollmentRequiredCode,
        "A recovery code was used: enrol a new second factor before doing anything else.");
}
