using System.Globalization;
using System.Text;

namespace Portcullis.HttpSignatures.StructuredFields;

/// <summary>RFC 8941 §4.2.3.1–§4.2.8: bare items.</summary>
internal sealed partial class SfReader
{
    // §4.2.3.1
    private bool ParseBareItem(out SfBareItem? item)
    {
        item = null;
        if (AtEnd)
        {
            return Fail(SfErrors.UnexpectedEnd, "Expected an item.");
        }

        var c = Peek;
        if (c == '-' || SfGrammar.IsDigit(c))
        {
            return ParseNumber(out item);
        }

        if (c == '"')
        {
            return ParseString(out item);
        }

        if (c == ':')
        {
            return ParseByteSequence(out item);
        }

        if (c == '?')
        {
            return ParseBoolean(out item);
        }

        if (SfGrammar.IsAlpha(c) || c == '*')
        {
            var start = _pos;
            while (!AtEnd && SfGrammar.IsTokenChar(Peek))
            {
                _pos++;
            }

            item = SfBareItem.TokenUnchecked(_s[start.._pos]);
            return true;
        }

        return Fail(SfErrors.InvalidItem, At("Unrecognised item"));
    }

    // §4.2.4
    private bool ParseNumber(out SfBareItem? item)
    {
        item = null;
        var start = _pos;
        if (Peek == '-')
        {
            _pos++;
        }

        if (AtEnd || !SfGrammar.IsDigit(Peek))
        {
            return Fail(SfErrors.InvalidNumber, At("Expected a digit"));
        }

        var digitsStart = _pos;
        var dot = -1;
        while (!AtEnd)
        {
            var c = Peek;
            if (SfGrammar.IsDigit(c))
            {
                _pos++;
            }
            else if (c == '.' && dot < 0)
            {
                if (_pos - digitsStart > 12)
                {
                    return Fail(SfErrors.InvalidNumber, "A decimal has more than 12 integer digits.");
                }

                dot = _pos;
                _pos++;
            }
            else
            {
                break;
            }

            var length = _pos - digitsStart;
            if ((dot < 0 && length > 15) || (dot >= 0 && length > 16))
            {
                return Fail(SfErrors.InvalidNumber, "The number has too many digits.");
            }
        }

        var text = _s[start.._pos];
        if (dot < 0)
        {
            item = SfBareItem.IntegerUnchecked(long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            return true;
        }

        var fraction = _pos - dot - 1;
        if (fraction is 0 or > 3)
        {
            return Fail(SfErrors.InvalidNumber, "A decimal needs 1 to 3 fractional digits.");
        }

        item = SfBareItem.DecimalUnchecked(decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
        return true;
    }

    // §4.2.5
    private bool ParseString(out SfBareItem? item)
    {
        item = null;
        _pos++;
        var builder = new StringBuilder();
        while (!AtEnd)
        {
            var c = _s[_pos++];
            if (c == '\\')
            {
                if (AtEnd)
                {
                    return Fail(SfErrors.InvalidString, "Unterminated escape in a string.");
                }

                var next = _s[_pos++];
                if (next is not '"' and not '\\')
                {
                    return Fail(SfErrors.InvalidString, "Only \\\" and \\\\ may be escaped in a string.");
                }

                builder.Append(next);
            }
            else if (c == '"')
            {
                item = SfBareItem.StringUnchecked(builder.ToString());
                return true;
            }
            else if (c is < (char)0x20 or > (char)0x7E)
            {
                return Fail(SfErrors.InvalidString, "A string holds printable ASCII only.");
            }
            else
            {
                builder.Append(c);
            }
        }

        return Fail(SfErrors.InvalidString, "Unterminated string.");
    }

    // §4.2.7. Strict: padding is required (the RFC lets parsers accept unpadded input; we do not).
    private bool ParseByteSequence(out SfBareItem? item)
    {
        item = null;
        _pos++;
        var end = _s.IndexOf(':', _pos);
        if (end < 0)
        {
            return Fail(SfErrors.InvalidByteSequence, "Unterminated byte sequence.");
        }

        var content = _s.AsSpan(_pos, end - _pos);
        foreach (var c in content)
        {
            if (!SfGrammar.IsBase64Char(c))
            {
                return Fail(SfErrors.InvalidByteSequence, "A byte sequence holds base64 characters only.");
            }
        }

        var buffer = new byte[(content.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64Chars(content, buffer, out var written))
        {
            return Fail(SfErrors.InvalidByteSequence, "A byte sequence is not valid padded base64.");
        }

        _pos = end + 1;
        item = SfBareItem.BytesUnchecked(buffer.AsSpan(0, written).ToArray());
        return true;
    }

    // §4.2.8
    private bool ParseBoolean(out SfBareItem? item)
    {
        item = null;
        _pos++;
        if (AtEnd || Peek is not '0' and not '1')
        {
            return Fail(SfErrors.InvalidBoolean, At("A boolean is ?0 or ?1"));
        }

        item = SfBareItem.FromBoolean(_s[_pos++] == '1');
        return true;
    }
}
