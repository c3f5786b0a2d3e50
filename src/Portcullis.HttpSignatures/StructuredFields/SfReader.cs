using System.Globalization;

namespace Portcullis.HttpSignatures.StructuredFields;

/// <summary>The RFC 8941 §4.2 parsing state machine behind <see cref="SfParser"/>: containers and parameters.</summary>
internal sealed partial class SfReader(string input)
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
