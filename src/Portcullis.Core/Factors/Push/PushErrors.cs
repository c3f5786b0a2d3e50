using Portcullis.Core.Results;

namespace Portcullis.Core.Factors.Push;

/// <summary>
/// Stable codes for push approvals: what the signing-in side learns about its push, and what an authenticator
/// device learns about its answer. The audit log records the reason behind each.
/// </summary>
public static class PushErrors
{
    public const string PendingCode = "push.pending";
    public const string DeniedCode = "push.denied";
    public const string ExpiredCode = "push.expired";
    public const string FailedCode = "push.failed";
    public const string CancelledCode = "push.cancelled";
    public const string NotSentCode = "push.not_sent";
    public const string NotFoundCode = "push.not_found";
    public const string AlreadyAnsweredCode = "push.already_answered";
    public const string WrongNumberCode = "push.wrong_number";
    public const string SignatureInvalidCode = "push.signature_invalid";

    public static Error Pending() => new(PendingCode, "The approval request has not been answered yet. Ask again in a moment.")
    {
        RetryAfter = TimeSpan.FromSeconds(1),
    };

    public static Error Denied() => new(DeniedCode, "The request was denied on the authenticator. Start again with your password.")
    {
        Reason = "denied",
    };

    public static Error Expired() => new(ExpiredCode, "The approval request expired before it was approved. Send a new one.") { Reason = "expired" };

    public static Error Failed() => new(FailedCode, "The approval was not accepted. Send a new request.") { Reason = "wrong_number" };

    public static Error Cancelled() => new(CancelledCode, "The approval request was cancelled (the authenticator was removed). Use another factor.")
    {
        Reason = "cancelled",
    };

    public static Error NotSent() => new(NotSentCode, "No approval request was sent in this sign-in. Send one first.");

    public static Error NotFound() => new(NotFoundCode, "No such approval request for this authenticator.");

    public static Error AlreadyAnswered() => new(AlreadyAnsweredCode, "This approval request was already answered or cancelled.");

    public static Error WrongNumber() => new(WrongNumberCode,
        "The number did not match the one on the sign-in screen. The request was refused; if you did not try to sign in, deny the next one.");

    public static Error SignatureInvalid() => new(SignatureInvalidCode, "The answer's signature does not verify with this authenticator's key.");
}
