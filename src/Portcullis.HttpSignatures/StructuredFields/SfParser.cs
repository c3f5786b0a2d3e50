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
        var state = new SfReader(input);
        if (!state.Begin() || !state.ParseDictionary(out var dictionary) || !state.End())
        {
            return state.Error!;
        }

        return HttpSignatureResult<SfDictionary>.Success(dictionary!);
    }

    /// <summary>Parses a List field value (§4.2.1).</summary>
    public static HttpSignatureResult<IReadOnlyList<SfMember>> ParseList(string input)
    {
        var state = new SfReader(input);
        if (!state.Begin() || !state.ParseList(out var list) || !state.End())
        {
            return state.Error!;
        }

        return HttpSignatureResult<IReadOnlyList<SfMember>>.Success(list!);
    }

    /// <summary>Parses an Item field value (§4.2.3).</summary>
    public static HttpSignatureResult<SfItem> ParseItem(string input)
    {
        var state = new SfReader(input);
        if (!state.Begin() || !state.ParseItem(out var item) || !state.End())
        {
            return state.Error!;
        }

        return HttpSignatureResult<SfItem>.Success(item!);
    }
}
