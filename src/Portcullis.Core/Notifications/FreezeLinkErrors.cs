using Portcullis.Core.Results;

namespace Portcullis.Core.Notifications;

/// <summary>Stable codes for the "this wasn't me" link.</summary>
public static class FreezeLinkErrors
{
    /// <summary>Unknown, expired or already used: one code for all, so that nobody learns which.</summary>
    public const string InvalidCode = "freeze_link.invalid";

    public static Error Invalid(string reason) =>
        new(InvalidCode, "This link cannot be used: it has expired or has been used already. Sign in to review your account.") { Reason = reason };
}
