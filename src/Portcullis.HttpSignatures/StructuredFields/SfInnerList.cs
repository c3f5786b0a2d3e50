namespace Portcullis.HttpSignatures.StructuredFields;

/// <summary>An RFC 8941 inner list: items in parentheses, with parameters on the list (§3.1.1).</summary>
public sealed record SfInnerList(IReadOnlyList<SfItem> Items, SfParameters Parameters)
{
    public override string ToString() => SfSerializer.Serialize(this);
}
