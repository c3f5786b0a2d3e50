using System.Collections.Frozen;

namespace Portcullis.HttpSignatures.Components;

/// <summary>The structured type (RFC 8941 §3) of the fields this library can re-serialise for <c>sf</c> (RFC 9421 §2.1.1).</summary>
public static class StructuredFieldTypes
{
    public const string Dictionary = "dictionary";
    public const string List = "list";
    public const string Item = "item";

    /// <summary>Known fields and their types (RFC 9421, RFC 9530, RFC 9218 and the RFC 8941 examples used by RFC 9421).</summary>
    public static FrozenDictionary<string, string> Known { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["signature"] = Dictionary,
        ["signature-input"] = Dictionary,
        ["accept-signature"] = Dictionary,
        ["content-digest"] = Dictionary,
        ["repr-digest"] = Dictionary,
        ["want-content-digest"] = Dictionary,
        ["want-repr-digest"] = Dictionary,
        ["priority"] = Dictionary,
        ["example-dict"] = Dictionary,
        ["example-list"] = List,
        ["example-item"] = Item,
        ["cache-status"] = List,
        ["proxy-status"] = List,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
}
