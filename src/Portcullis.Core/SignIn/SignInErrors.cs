using Portcullis.Core.Results;

namespace Portcullis.Core.SignIn;

/// <summary>
/// Stable codes for sign-in and other password checks. The same answer is given whether or not the
/// username exists: the failure, throttling and hard-stop answers never say which.
/// </summary>
public static class SignInErrors
{
    public const string FailedCode = "signin.failed";
    public const string ThrottledCode = "signin.throttled";
    public const string LockedCode = "signin.locked";
    public const string BusyCode = "signin.busy";

    public static Error Failed() => new(FailedCode, "The username or password is incorrect.");

    public static Error Throttled(TimeSpan retryAfter) =>
        new(ThrottledCode, "Too many failed attempts. Wait before trying again.") { RetryAfter = retryAfter };

    public static Error Locked() => new(LockedCode,
        "Too many failed attempts. Sign in from a device you have used before, or ask support to unlock the account.");

    public static Error Busy() =>
        new(BusyCode, "The service is busy. Try again in a moment.") { RetryAfter = TimeSpan.FromSeconds(1) };
}
