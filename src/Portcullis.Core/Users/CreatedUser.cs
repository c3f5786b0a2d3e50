namespace Portcullis.Core.Users;

/// <summary>A created user, with the one-time password to hand over when one was generated.</summary>
public sealed record CreatedUser(User User, string? OneTimePassword)
{
    public override string ToString() => $"CreatedUser {{ User = {User.Id} }}";
}
