namespace Portcullis.HttpSignatures.Messages;

/// <summary>
/// HTTP fields as received: an ordered list of field lines (name, value). Names compare case-insensitively;
/// the order of lines with the same name is kept, as RFC 9421 §2.1 combines them in order.
/// </summary>
public sealed class HttpFields
{
    private readonly List<KeyValuePair<string, string>> _lines = [];

    public IReadOnlyList<KeyValuePair<string, string>> Lines => _lines;

    /// <summary>Appends one field line.</summary>
    public HttpFields Add(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _lines.Add(new(name, value));
        return this;
    }

    /// <summary>Removes every line of the field.</summary>
    public HttpFields Remove(string name)
    {
        _lines.RemoveAll(line => string.Equals(line.Key, name, StringComparison.OrdinalIgnoreCase));
        return this;
    }

    public bool Contains(string name) =>
        _lines.Exists(line => string.Equals(line.Key, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The values of every line of the field, in order; empty when absent.</summary>
    public IReadOnlyList<string> GetValues(string name)
    {
        List<string>? values = null;
        foreach (var (key, value) in _lines)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                (values ??= []).Add(value);
            }
        }

        return values ?? (IReadOnlyList<string>)[];
    }

    /// <summary>
    /// The field's lines combined as RFC 9421 §2.1 says: each value stripped of leading and trailing
    /// whitespace, then joined with ", ". Null when the field is absent.
    /// </summary>
    public string? GetCombined(string name)
    {
        var values = GetValues(name);
        return values.Count == 0 ? null : string.Join(", ", values.Select(v => v.Trim(' ', '\t')));
    }
}
