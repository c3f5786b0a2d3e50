namespace Portcullis.Core.Users;

public enum UserStatus
{
    Active = 0,

    /// <summary>Disabled by an operator: cannot sign in; every session was revoked.</summary>
    Disabled = 1,
}
