namespace Portcullis.Core.Users;

/// <summary>A user to create.</summary>
/// <param name="Password">The initial password; when <c>null</c> a one-time password is generated and must be changed at first sign-in.</param>
/// <param name="Email">An email address for notifications, added with the user (optional).</param>
public sealed record NewUser(string Username, string DisplayName, UserRole Role, string? Password = null, string? Email = null)
{
    public override string ToString() => $"NewUser {{ Username = {Username}, Role = {Role} }}";
}
