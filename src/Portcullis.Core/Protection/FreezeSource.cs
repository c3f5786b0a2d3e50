namespace Portcullis.Core.Protection;

/// <summary>Who set a freeze.</summary>
public enum FreezeSource
{
    /// <summary>The account's owner, from any authenticated session.</summary>
    Owner = 0,

    /// <summary>The "this wasn't me" link in a security email.</summary>
    Link = 1,

    /// <summary>An operator (admin API or CLI).</summary>
    Operator = 2,

    /// <summary>An automated rule (a push sign-in the user denied on their authenticator).</summary>
    Rule = 3,
}
