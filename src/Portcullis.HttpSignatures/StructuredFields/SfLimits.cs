namespace Portcullis.HttpSignatures.StructuredFields;

/// <summary>Bounds the parser enforces so hostile input costs little (RFC 8941 §3 minimums are well inside them).</summary>
public static class SfLimits
{
    /// <summary>Longest field value accepted, in characters.</summary>
    public const int MaxFieldLength = 16 * 1024;

    /// <summary>Most members in a dictionary or list (RFC 8941 asks parsers to support at least 1024).</summary>
    public const int MaxMembers = 1024;

    /// <summary>Most items in one inner list (RFC 8941 asks at least 256).</summary>
    public const int MaxInnerListItems = 256;

    /// <summary>Most parameters on one item or inner list (RFC 8941 asks at least 256).</summary>
    public const int MaxParameters = 256;
}
