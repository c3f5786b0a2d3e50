namespace Portcullis.Core.Policy;

/// <summary>
/// A rule's cap on accumulated values: the rule matches when the total of <see cref="Query"/> plus this operation's
/// own value would exceed <see cref="Above"/>.
/// </summary>
public sealed record PolicyCap(CapQuery Query, decimal Above);
