namespace Portcullis.Server.Api.Contracts;

/// <summary>A flow awaiting a second factor. <see cref="Handle"/> is secret: send it back in each step's body.</summary>
public sealed record FlowView(string Handle, string Purpose, DateTimeOffset ExpiresAt, IReadOnlyList<FactorView> Factors)
{
    public override string ToString() => $"FlowView {{ Purpose = {Purpose} }}";
}
