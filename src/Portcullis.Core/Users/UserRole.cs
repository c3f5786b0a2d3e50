namespace Portcullis.Core.Users;

/// <summary>What kind of person a user is. Roles within a trading account live on the membership.</summary>
public enum UserRole
{
    /// <summary>A trader, advisor or family member: holds or is a member of trading accounts.</summary>
    AccountHolder = 0,

    /// <summary>A security officer: reviews recovery cases, freezes accounts, reads the audit log.</summary>
    Operator = 1,
}
