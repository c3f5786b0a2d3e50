using System.Globalization;

namespace Portcullis.HttpSignatures.StructuredFields;

/// <summary>An RFC 8941 bare item: integer, decimal, string, token, byte sequence or boolean.</summary>
public sealed class SfBareItem : IEquatable<SfBareItem>
{
    private readonly long _integer;
    private readonly decimal _decimal;
    private readonly string? _text;
    private readonly byte[]? _bytes;
    private readonly bool _boolean;

    private SfBareItem(SfKind kind, long integer = 0, decimal dec = 0, string? text = null, byte[]? bytes = null, bool boolean = false)
    {
        Kind = kind;
        _integer = integer;
        _decimal = dec;
        _text = text;
        _bytes = bytes;
        _boolean = boolean;
    }

    public SfKind Kind { get; }

    public static SfBareItem True { get; } = new(SfKind.Boolean, boolean: true);

    public static SfBareItem False { get; } = new(SfKind.Boolean, boolean: false);

    public long Integer => Kind == SfKind.Integer ? _integer : throw WrongKind(SfKind.Integer);

    public decimal Decimal => Kind == SfKind.Decimal ? _decimal : throw WrongKind(SfKind.Decimal);

    /// <summary>The text of a string item.</summary>
    public string String => Kind == SfKind.String ? _text! : throw WrongKind(SfKind.String);

    /// <summary>The text of a token item.</summary>
    public string Token => Kind == SfKind.Token ? _text! : throw WrongKind(SfKind.Token);

    public ReadOnlyMemory<byte> Bytes => Kind == SfKind.ByteSequence ? _bytes! : throw WrongKind(SfKind.ByteSequence);

    public bool Boolean => Kind == SfKind.Boolean ? _boolean : throw WrongKind(SfKind.Boolean);

    public bool IsTrue => Kind == SfKind.Boolean && _boolean;

    /// <summary>An integer; RFC 8941 §3.3.1 allows at most 15 digits.</summary>
    public static SfBareItem FromInteger(long value) =>
        value is > 999_999_999_999_999 or < -999_999_999_999_999
            ? throw new ArgumentOutOfRangeException(nameof(value), "RFC 8941 integers have at most 15 digits.")
            : new SfBareItem(SfKind.Integer, integer: value);

    /// <summary>A decimal; rounded to 3 fractional digits (half to even) as §4.1.5 says.</summary>
    public static SfBareItem FromDecimal(decimal value)
    {
        var rounded = Math.Round(value, 3, MidpointRounding.ToEven);
        return Math.Abs(Math.Truncate(rounded)) > 999_999_999_999m
            ? throw new ArgumentOutOfRangeException(nameof(value), "RFC 8941 decimals have at most 12 integer digits.")
            : new SfBareItem(SfKind.Decimal, dec: rounded);
    }

    /// <summary>A string of printable ASCII (0x20–0x7E).</summary>
    public static SfBareItem FromString(string value)
    {
        foreach (var c in value)
        {
            if (c is < (char)0x20 or > (char)0x7E)
            {
                throw new ArgumentException("RFC 8941 strings hold printable ASCII only.", nameof(value));
            }
        }

        return new SfBareItem(SfKind.String, text: value);
    }

    public static SfBareItem FromToken(string value) =>
        SfGrammar.IsToken(value)
            ? new SfBareItem(SfKind.Token, text: value)
            : throw new ArgumentException("Not an RFC 8941 token.", nameof(value));

    public static SfBareItem FromBytes(ReadOnlySpan<byte> value) => new(SfKind.ByteSequence, bytes: value.ToArray());

    public static SfBareItem FromBoolean(bool value) => value ? True : False;

    internal static SfBareItem StringUnchecked(string value) => new(SfKind.String, text: value);

    internal static SfBareItem TokenUnchecked(string value) => new(SfKind.Token, text: value);

    internal static SfBareItem DecimalUnchecked(decimal value) => new(SfKind.Decimal, dec: value);

    internal static SfBareItem IntegerUnchecked(long value) => new(SfKind.Integer, integer: value);

    internal static SfBareItem BytesUnchecked(byte[] value) => new(SfKind.ByteSequence, bytes: value);

    public bool Equals(SfBareItem? other) =>
        other is not null && other.Kind == Kind && Kind switch
        {
            SfKind.Integer => _integer == other._integer,
            SfKind.Decimal => _decimal == other._decimal,
            SfKind.String or SfKind.Token => string.Equals(_text, other._text, StringComparison.Ordinal),
            SfKind.ByteSequence => _bytes.AsSpan().SequenceEqual(other._bytes),
            SfKind.Boolean => _boolean == other._boolean,
            _ => false,
        };

    public override bool Equals(object? obj) => Equals(obj as SfBareItem);

    public override int GetHashCode() => HashCode.Combine(Kind, _integer, _decimal, _text, _boolean);

    /// <summary>The RFC 8941 serialisation of this item.</summary>
    public override string ToString() => SfSerializer.Serialize(this);

    private InvalidOperationException WrongKind(SfKind wanted) =>
        new(string.Create(CultureInfo.InvariantCulture, $"The item is a {Kind}, not a {wanted}."));
}
