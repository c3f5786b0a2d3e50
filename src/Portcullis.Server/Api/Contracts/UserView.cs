using Portcullis.Core.Users;

namespace Portcullis.Server.Api.Contracts;

/// <summary>The signed-in user.</summary>
public sealed record UserView(Guid Id, string Username, string DisplayName, UserRole Role, bool PasswordChangeRequired)
{
    public static UserView From(User u) => new(u.Id, u.Username, u.DisplayName, u.Role, u.PasswordChangeRequired);
}
