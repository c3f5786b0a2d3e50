namespace Portcullis.HttpSignatures.StructuredFields;

/// <summary>Ordered RFC 8941 parameters (§3.1.2): keys are unique, a later value replaces an earlier one in place.</summary>
public sealed class SfParameters
{
    private readonly List<KeyValuePair<string, SfBareItem>> _entries = [];

    public static SfParameters Empty { get; } = new();

    public IReadOnlyList<KeyValuePair<string, SfBareItem>> Entries => _entries;

    public int Count => _entries.Count;

    public SfBareItem? this[string key]
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

    public bool ContainsKey(string key) => this[key] is not null;

    /// <summary>Returns a copy with <paramref name="key"/> set (replacing in place, or appended).</summary>
    public SfParameters With(string key, SfBareItem value)
    {
        if (!SfGrammar.IsKey(key))
        {
            throw new ArgumentException("Not an RFC 8941 key.", nameof(key));
        }

        var copy = new SfParameters();
        copy._entries.AddRange(_entries);
        copy.Set(key, value);
        return copy;
    }

    internal void Set(string key, SfBareItem value)
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                _entries[i] = new(key, value);
                return;
            }
        }

        _entries.Add(new(key, value));
    }
}
