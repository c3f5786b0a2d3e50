using Portcullis.HttpSignatures.StructuredFields;

namespace Portcullis.HttpSignatures.Components;

/// <summary>
/// A component identifier (RFC 9421 §2): a lowercase field name or a derived name starting with "@", with
/// parameters (<c>sf</c>, <c>key</c>, <c>bs</c>, <c>req</c>, <c>tr</c>, <c>name</c>). Serialised as an RFC 8941 string item.
/// </summary>
public sealed class ComponentIdentifier : IEquatable<ComponentIdentifier>
{
    public ComponentIdentifier(string name, SfParameters? parameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Parameters = parameters ?? SfParameters.Empty;
        Item = new SfItem(SfBareItem.FromString(name), Parameters);
    }

    private ComponentIdentifier(SfItem item)
    {
        Name = item.Value.String;
        Parameters = item.Parameters;
        Item = item;
    }

    public string Name { get; }

    public SfParameters Parameters { get; }

    public SfItem Item { get; }

    public bool IsDerived => Name.StartsWith('@');

    public static ComponentIdentifier Method { get; } = new(DerivedComponents.Method);

    public static ComponentIdentifier TargetUri { get; } = new(DerivedComponents.TargetUri);

    public static ComponentIdentifier Authority { get; } = new(DerivedComponents.Authority);

    public static ComponentIdentifier Scheme { get; } = new(DerivedComponents.Scheme);

    public static ComponentIdentifier RequestTarget { get; } = new(DerivedComponents.RequestTarget);

    public static ComponentIdentifier Path { get; } = new(DerivedComponents.Path);

    public static ComponentIdentifier Query { get; } = new(DerivedComponents.Query);

    public static ComponentIdentifier Status { get; } = new(DerivedComponents.Status);

    /// <summary>An HTTP field, by name (lowercased).</summary>
    public static ComponentIdentifier Field(string name) => new(name.ToLowerInvariant());

    /// <summary><c>"@query-param";name="..."</c> (§2.2.8); the name as it appears encoded in the query.</summary>
    public static ComponentIdentifier QueryParam(string name) =>
        new(DerivedComponents.QueryParam, SfParameters.Empty.With("name", SfBareItem.FromString(name)));

    /// <summary>A dictionary member of a structured field (<c>key</c>, §2.1.2).</summary>
    public static ComponentIdentifier DictionaryMember(string field, string key) =>
        new(field.ToLowerInvariant(), SfParameters.Empty.With("key", SfBareItem.FromString(key)));

    /// <summary>Reads an identifier from a Signature-Input inner list item; it must be a string.</summary>
    internal static ComponentIdentifier? FromItem(SfItem item) =>
        item.Value.Kind == SfKind.String && item.Value.String.Length > 0 ? new ComponentIdentifier(item) : null;

    public bool Equals(ComponentIdentifier? other) => other is not null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ComponentIdentifier);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <summary>The serialised identifier, e.g. <c>"@query-param";name="Pet"</c>.</summary>
    public override string ToString() => SfSerializer.Serialize(Item);
}
