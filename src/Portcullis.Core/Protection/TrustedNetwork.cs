namespace Portcullis.Core.Protection;

/// <summary>A network range the user trusts (tier rules may require the client to be in one).</summary>
public sealed class TrustedNetwork
{
    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    /// <summary>The normalised range, e.g. <c>203.0.113.0/24</c> or <c>2001:db8::/48</c>.</summary>
    public required string Cidr { get; init; }

    public required string Label { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }
}
