namespace Portcullis.HttpSignatures.StructuredFields;

/// <summary>An RFC 8941 item: a bare item with parameters (§3.3).</summary>
public sealed record SfItem(SfBareItem Value, SfParameters Parameters)
{
    public SfItem(SfBareItem value)
        : this(value, SfParameters.Empty)
    {
    }

    public override string ToString() => SfSerializer.Serialize(this);
}
