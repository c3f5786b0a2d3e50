using System.Globalization;
using System.Text;

namespace Portcullis.HttpSignatures.StructuredFields;

/// <summary>
/// Strict RFC 8941 §4.2 parser for dictionaries, lists and items. Bad input yields a failed result with an
/// <see cref="SfErrors"/> code, never an exception; work is linear in the input, which is bounded by
/// <see cref="SfLimits"/>.
/// </summary>
public static class SfParser
{
    /// <summary>Parses a Dictionary field value (§4.2.2). Several field lines must be joined with ", " first.</summary>
    public static HttpSignatureResult<SfDictionary> ParseDictionary(string input)
    {
        var state = new State(input);
        if (!state.Begin() || !state.ParseDictionary(out var dictionary) || !state.End())
        {
            return state.Error!;
        }

        return HttpSignatureResult<SfDictionary>.Success(dictionary!);
    }

    /// <summary>Parses a List field value (§4.2.1).</summary>
    public static HttpSignatureResult<IReadOnlyList<SfMember>> ParseList(string input)
    {
        var state = new State(input);
        if (!state.Begin() || !state.ParseList(out var list) || !state.End())
        {
            return state.Error!;
        }

        return HttpSignatureResult<IReadOnlyList<SfMember>>.Success(list!);
    }

    /// <summary>Parses an Item field value (§4.2.3).</summary>
    public static HttpSignatureResult<SfItem> ParseItem(string input)
    {
        var state = new State(input);
        if (!state.Begin() || !state.ParseItem(out var item) || !state.End())
        {
            return state.Error!;
        }

        return HttpSignatureResult<SfItem>.Success(item!);
    }

    private sealed class State(string input)
    {
        private readonly string _s = input;
        private int _pos;

        public SignatureError? Error { get; private set; }

        private bool AtEnd => _pos >= _s.Length;

        private char Peek => _s[_pos];

        // §4.2 steps 1–2: ASCII only, bounded length; discard leading SP.
        public bool Begin()
        {
            if (_s.Length > SfLimits.MaxFieldLength)
            {
                return Fail(SfErrors.TooLarge, "The field value is too long.");
            }

            foreach (var c in _s)
            {
                if (c is < (char)0x20 and not '\t' or > (char)0x7E)
                {
                    return Fail(SfErrors.NonAscii, "The field value has a non-printable or non-ASCII character.");
                }
            }

            SkipSp();
            return true;
        }

        // §4.2 steps 6–7: discard trailing SP; anything left is an error.
        public bool End()
        {
            SkipSp();
            return AtEnd || Fail(SfErrors.Unexpected, At("Unexpected characters after the value"));
        }

        public bool ParseDictionary(out SfDictionary? dictionary)
        {
            dictionary = new SfDictionary();
            var count = 0;
            while (!AtEnd)
            {
                if (++count > SfLimits.MaxMembers)
                {
                    return Fail(SfErrors.TooLarge, "Too many dictionary members.");
                }

                if (!ParseKey(out var key))
                {
                    return false;
                }

                SfMember member;
                if (!AtEnd && Peek == '=')
                {
                    _pos++;
                    if (!ParseItemOrInnerList(out member!))
                    {
                        return false;
                    }
                }
                else
                {
                    if (!ParseParameters(out var parameters))
                    {
                        return false;
                    }

                    member = new SfMember(new SfItem(SfBareItem.True, parameters!));
                }

                dictionary.SetParsed(key!, member);
                if (!AfterMember(out var done))
                {
                    return false;
                }

                if (done)
                {
                    return true;
                }
            }

            return true;
        }

        public bool ParseList(out IReadOnlyList<SfMember>? list)
        {
            var members = new List<SfMember>();
            list = members;
            while (!AtEnd)
            {
                if (members.Count >= SfLimits.MaxMembers)
                {
                    return Fail(SfErrors.TooLarge, "Too many list members.");
                }

                if (!ParseItemOrInnerList(out var member))
                {
                    return false;
                }

                members.Add(member!);
                if (!AfterMember(out var done))
                {
                    return false;
                }

                if (done)
                {
                    return true;
                }
            }

            return true;
        }

        public bool ParseItem(out SfItem? item)
        {
            item = null;
            if (!ParseBareItem(out var bare) || !ParseParameters(out var parameters))
            {
                return false;
            }

            item = new SfItem(bare!, parameters!);
            return true;
        }

        // §4.2.1 / §4.2.2: OWS, then end, or a comma followed by OWS and another member.
        private bool AfterMember(out bool done)
        {
            done = false;
            SkipOws();
            if (AtEnd)
            {
                done = true;
                return true;
            }

            if (Peek != ',')
            {
                return Fail(SfErrors.Unexpected, At("Expected ',' between members"));
            }

            _pos++;
            SkipOws();
            return !AtEnd || Fail(SfErrors.UnexpectedEnd, "Trailing comma.");
        }

        private bool ParseItemOrInnerList(out SfMember? member)
        {
            member = null;
            if (!AtEnd && Peek == '(')
            {
                if (!ParseInnerList(out var inner))
                {
                    return false;
                }

                member = new SfMember(inner!);
                return true;
            }

            if (!ParseItem(out var item))
            {
                return false;
            }

            member = new SfMember(item!);
            return true;
        }

        // §4.2.1.2
        private bool ParseInnerList(out SfInnerList? innerList)
        {
            innerList = null;
            _pos++; // '('
            var items = new List<SfItem>();
            while (!AtEnd)
            {
                SkipSp();
                if (AtEnd)
                {
                    break;
                }

                if (Peek == ')')
                {
                    _pos++;
                    if (!ParseParameters(out var parameters))
                    {
                        return false;
                    }

                    innerList = new SfInnerList(items, parameters!);
                    return true;
                }

                if (items.Count >= SfLimits.MaxInnerListItems)
                {
                    return Fail(SfErrors.TooLarge, "Too many items in an inner list.");
                }

                if (!ParseItem(out var item))
                {
                    return false;
                }

                items.Add(item!);
                if (AtEnd)
                {
                    break;
                }

                if (Peek is not ' ' and not ')')
                {
                    return Fail(SfErrors.Unexpected, At("Expected ' ' or ')' in an inner list"));
                }
            }

            return Fail(SfErrors.UnexpectedEnd, "Unterminated inner list.");
        }

        // §4.2.3.2
        private bool ParseParameters(out SfParameters? parameters)
        {
            parameters = new SfParameters();
            while (!AtEnd && Peek == ';')
            {
                _pos++;
                SkipSp();
                if (!ParseKey(out var key))
                {
                    return false;
                }

                var value = SfBareItem.True;
                if (!AtEnd && Peek == '=')
                {
                    _pos++;
                    if (!ParseBareItem(out value!))
                    {
                        return false;
                    }
                }

                parameters.Set(key!, value);
                if (parameters.Count > SfLimits.MaxParameters)
                {
                    return Fail(SfErrors.TooLarge, "Too many parameters.");
                }
            }

            return true;
        }

        // §4.2.3.3
        private bool ParseKey(out string? key)
        {
            key = null;
            if (AtEnd || !SfGrammar.IsKeyStart(Peek))
            {
                return Fail(SfErrors.InvalidKey, At("Expected a key"));
            }

            var start = _pos;
            while (!AtEnd && SfGrammar.IsKeyChar(Peek))
            {
                _pos++;
            }

            key = _s[start.._pos];
            return true;
        }

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

        private void SkipSp()
        {
            while (!AtEnd && Peek == ' ')
            {
                _pos++;
            }
        }

        private void SkipOws()
        {
            while (!AtEnd && Peek is ' ' or '\t')
            {
                _pos++;
            }
        }

        private string At(string message) => string.Create(CultureInfo.InvariantCulture, $"{message} at offset {_pos}.");

        private bool Fail(string code, string message)
        {
            Error ??= new SignatureError(code, message);
            return false;
        }
    }
}
