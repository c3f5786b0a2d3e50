namespace Portcullis.HttpSignatures.StructuredFields;

/// <summary>Stable error codes of the RFC 8941 parser.</summary>
public static class SfErrors
{
    /// <summary>The field is longer, or has more members or parameters, than <see cref="SfLimits"/> allow.</summary>
    public const string TooLarge = "sf.too_large";

    /// <summary>A character outside printable ASCII (RFC 8941 §4.2: fields are ASCII).</summary>
    public const string NonAscii = "sf.non_ascii";

    /// <summary>The input ended in the middle of a value.</summary>
    public const string UnexpectedEnd = "sf.unexpected_end";

    /// <summary>Characters left after a complete value, or a missing separator.</summary>
    public const string Unexpected = "sf.unexpected_character";

    /// <summary>A dictionary or parameter key that is not <c>lcalpha / "*"</c> followed by key characters.</summary>
    public const string InvalidKey = "sf.invalid_key";

    /// <summary>An integer or decimal out of range or badly formed (§3.3.1, §3.3.2).</summary>
    public const string InvalidNumber = "sf.invalid_number";

    /// <summary>A string with a control character or a bad escape (§3.3.3).</summary>
    public const string InvalidString = "sf.invalid_string";

    /// <summary>A byte sequence that is not delimited base64 (§3.3.5).</summary>
    public const string InvalidByteSequence = "sf.invalid_byte_sequence";

    /// <summary>A boolean other than <c>?0</c> or <c>?1</c> (§3.3.6).</summary>
    public const string InvalidBoolean = "sf.invalid_boolean";

    /// <summary>An empty item, or a value that cannot be serialised.</summary>
    public const string InvalidItem = "sf.invalid_item";
}
