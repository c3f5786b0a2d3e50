namespace Portcullis.HttpSignatures.StructuredFields;

/// <summary>The bare item types of RFC 8941 §3.3.</summary>
public enum SfKind
{
    Integer,
    Decimal,
    String,
    Token,
    ByteSequence,
    Boolean,
}
