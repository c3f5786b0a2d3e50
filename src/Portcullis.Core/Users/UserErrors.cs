using Portcullis.Core.Results;

namespace Portcullis.Core.Users;

/// <summary>Stable codes for user management.</summary>
public static class UserErrors
{
    public const string InvalidUsernameCode = "user.invalid_username";
    public const string ExistsCode = "user.exists";
    public const string NotFoundCode = "user.not_found";
    public const string InvalidDisplayNameCode = "user.invalid_display_name";

    public static Error InvalidUsername() => new(InvalidUsernameCode,
        $"A username has {Username.MinLength}–{Username.MaxLength} letters, digits or . _ - @ +.");

    public static Error Exists() => new(ExistsCode, "A user with this username already exists.");

    public static Error NotFound() => new(NotFoundCode, "No such user.");

    public static Error InvalidDisplayName() => new(InvalidDisplayNameCode, "A display name has 1–100 characters.");
}
