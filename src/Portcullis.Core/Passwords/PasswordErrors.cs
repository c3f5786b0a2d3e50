using Portcullis.Core.Results;

namespace Portcullis.Core.Passwords;

/// <summary>Stable reason codes for rejected passwords (NIST SP 800-63B-4 §3.1.1.2).</summary>
public static class PasswordErrors
{
    public const string TooShortCode = "password.too_short";
    public const string TooLongCode = "password.too_long";
    public const string BlocklistedCode = "password.blocklisted";
    public const string ContextSpecificCode = "password.context_specific";
    public const string RepetitiveCode = "password.repetitive";
    public const string CurrentPasswordWrongCode = "password.current_incorrect";
    public const string ReusedCode = "password.unchanged";

    public static Error TooShort(int minimum) =>
        new(TooShortCode, $"The password must be at least {minimum} characters long.");

    public static Error TooLong(int maximum) =>
        new(TooLongCode, $"The password must be at most {maximum} characters long.");

    public static Error Blocklisted() =>
        new(BlocklistedCode, "This password is too common or has appeared in a data breach; choose another.");

    public static Error ContextSpecific() =>
        new(ContextSpecificCode, "The password must not contain your username or the name of this service.");

    public static Error Repetitive() =>
        new(RepetitiveCode, "The password is a repeated or sequential pattern; choose another.");

    public static Error CurrentPasswordWrong() =>
        new(CurrentPasswordWrongCode, "The current password is incorrect.");

    public static Error Unchanged() =>
        new(ReusedCode, "The new password must differ from the current one.");
}
