using System.Collections.Frozen;
using System.Reflection;

namespace Portcullis.Core.Passwords;

/// <summary>
/// Common and breached passwords: the 30,000 most common from the zxcvbn-core dictionaries plus the list
/// shipped in <c>Passwords/blocklist.txt</c>. Entries are compared after NFKC and lower-casing.
/// A candidate is also blocked when it is a listed password padded with digits or symbols
/// ("password123456789") or a listed password repeated ("dragondragondragon").
/// </summary>
public sealed class PasswordBlocklist
{
    private static readonly Lazy<PasswordBlocklist> DefaultInstance = new(Load);

    private readonly FrozenSet<string> _entries;

    public PasswordBlocklist(IEnumerable<string> entries)
    {
        _entries = entries
            .Select(e => e.Trim().ToLowerInvariant())
            .Where(e => e.Length > 0 && !e.StartsWith('#'))
            .ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The shipped list, loaded once.</summary>
    public static PasswordBlocklist Default => DefaultInstance.Value;

    public int Count => _entries.Count;

    /// <summary>Whether <paramref name="normalizedLower"/> (NFKC, lower-case) is blocked.</summary>
    public bool IsBlocked(string normalizedLower)
    {
        if (_entries.Contains(normalizedLower))
        {
            return true;
        }

        var core = normalizedLower.AsSpan().Trim("0123456789!@#$%^&*()-_=+.,;:?~`'\"/\\|[]{}<> ");
        if (core.Length >= 4 && core.Length < normalizedLower.Length && _entries.Contains(core.ToString()))
        {
            return true;
        }

        return IsRepeatOfListed(core);
    }

    private bool IsRepeatOfListed(ReadOnlySpan<char> text)
    {
        for (var unit = 4; unit <= text.Length / 2; unit++)
        {
            if (text.Length % unit != 0)
            {
                continue;
            }

            var head = text[..unit];
            var repeated = true;
            for (var i = unit; i < text.Length && repeated; i += unit)
            {
                repeated = text.Slice(i, unit).SequenceEqual(head);
            }

            if (repeated && _entries.Contains(head.ToString()))
            {
                return true;
            }
        }

        return false;
    }

    private static PasswordBlocklist Load()
    {
        var entries = new List<string>(31000);
        var zxcvbn = typeof(Zxcvbn.Zxcvbn).Assembly;
        ReadLines(zxcvbn, "zxcvbn-core.Dictionaries.passwords.lst", entries);
        ReadLines(typeof(PasswordBlocklist).Assembly, "Portcullis.Core.Passwords.blocklist.txt", entries);
        return new PasswordBlocklist(entries);
    }

    private static void ReadLines(Assembly assembly, string resource, List<string> into)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The password blocklist resource '{resource}' is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            into.Add(line);
        }
    }
}
