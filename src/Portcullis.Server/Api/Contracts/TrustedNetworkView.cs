using Portcullis.Core.Protection;

namespace Portcullis.Server.Api.Contracts;

/// <summary>A trusted network, in its normalised form.</summary>
public sealed record TrustedNetworkView(Guid Id, string Cidr, string Label, DateTimeOffset CreatedAt)
{
    public static TrustedNetworkView From(TrustedNetwork n) => new(n.Id, n.Cidr, n.Label, n.CreatedAt);
}
