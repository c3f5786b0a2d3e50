namespace Portcullis.Core.ApiKeys;

/// <summary>
/// What a key may do. There is no permission to withdraw, change margin or change security: those are tier 1, and a
/// key's request for them is held for a person's approval or denied, as the policy says.
/// </summary>
[Flags]
public enum ApiKeyPermissions
{
    None = 0,

    /// <summary>Read portfolio, orders, fills, quotes.</summary>
    Read = 1,

    /// <summary>Place, replace and cancel orders (implies nothing else).</summary>
    Trade = 2,
}
