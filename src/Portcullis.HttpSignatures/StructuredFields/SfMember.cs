namespace Portcullis.HttpSignatures.StructuredFields;

/// <summary>A member of a dictionary or list: either an item or an inner list.</summary>
public sealed class SfMember
{
    public SfMember(SfItem item) => Item = item;

    public SfMember(SfInnerList innerList) => InnerList = innerList;

    public SfItem? Item { get; }

    public SfInnerList? InnerList { get; }

    public bool IsInnerList => InnerList is not null;

    public SfParameters Parameters => Item?.Parameters ?? InnerList!.Parameters;

    public override string ToString() => SfSerializer.Serialize(this);
}
