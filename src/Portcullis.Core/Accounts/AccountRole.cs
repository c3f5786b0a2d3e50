namespace Portcullis.Core.Accounts;

/// <summary>Roles within a trading account (delegation).</summary>
public enum AccountRole
{
    Owner = 0,
    Trader = 1,
    Advisor = 2,
    Viewer = 3,
}
