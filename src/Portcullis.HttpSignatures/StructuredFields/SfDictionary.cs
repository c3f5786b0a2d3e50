namespace Portcullis.HttpSignatures.StructuredFields;

/// <summary>
/// An RFC 8941 dictionary (§3.2). Per §4.2.2 a repeated key replaces the earlier value in place;
/// <see cref="DuplicateKeys"/> records which keys were repeated so callers that must refuse them can.
/// </summary>
public sealed class SfDictionary
{
    private readonly List<KeyValuePair<string, SfMember>> _entries = [];
    private readonly HashSet<string> _duplicates = new(StringComparer.Ordinal);

    public IReadOnlyList<KeyValuePair<string, SfMember>> Entries => _entries;

    /// <summary>Keys that appeared more than once in the parsed input.</summary>
    public IReadOnlySet<string> DuplicateKeys => _duplicates;

    public int Count => _entries.Count;

    public SfMember? this[string key]
    {
        get
        {
            foreach (var entry in _entries)
            {
                if (string.Equals(entry.Key, key, StringComparison.Ordinal))
                {
                    return entry.Value;
                }
            }

            return null;
        }
    }

    /// <summary>Adds or replaces (in place) a member.</summary>
    public void Set(string key, SfMember member)
    {
        if (!SfGrammar.IsKey(key))
        {
            throw new ArgumentException("Not an RFC 8941 key.", nameof(key));
        }

        SetParsed(key, member);
    }

    public override string ToString() => SfSerializer.Serialize(this);

    internal void SetParsed(string key, SfMember member)
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                _entries[i] = new(key, member);
                _duplicates.Add(key);
                return;
            }
        }

        _entries.Add(new(key, member));
    }
}
