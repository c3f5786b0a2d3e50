using Portcullis.Core.Results;

namespace Portcullis.Core.Sessions;

/// <summary>Stable codes for session management.</summary>
public static class SessionErrors
{
    public const string NotFoundCode = "session.not_found";
    public const string PasswordChangeRequiredCode = "session.password_change_required";

    public static Error NotFound() => new(NotFoundCode, "No such session.");

    public static Error PasswordChangeRequired() => new(PasswordChangeRequiredCode,
        "This password was issued for one use: change it before doing anything else.");
}
