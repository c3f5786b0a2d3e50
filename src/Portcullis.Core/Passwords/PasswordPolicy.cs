using System.Text;
using Portcullis.Core.Results;
using Zxcvbn.Matcher;

namespace Portcullis.Core.Passwords;

/// <summary>
/// NIST SP 800-63B-4 §3.1.1.2 password rules: a length minimum that depends on whether the account has a
/// second factor, at least 64 characters accepted, any Unicode (NFKC, each code point one character), no
/// composition rules, and a blocklist of common, breached, repetitive and context-specific values.
/// </summary>
public sealed class PasswordPolicy(PasswordOptions options, PasswordBlocklist blocklist)
{
    private static readonly string[] ServiceWords = ["portcullis"];

    /// <summary>Checks a candidate password; the first rule it breaks is the reason.</summary>
    public Result Check(string password, PasswordContext context)
    {
        var normalized = password.Normalize(NormalizationForm.FormKC);
        var length = CountCodePoints(normalized);
        var minimum = context.HasSecondFactor ? options.MinLengthMultiFactor : options.MinLengthSingleFactor;
        if (length < minimum)
        {
            return PasswordErrors.TooShort(minimum);
        }

        if (length > options.MaxLength)
        {
            return PasswordErrors.TooLong(options.MaxLength);
        }

        var lower = normalized.ToLowerInvariant();
        if (blocklist.IsBlocked(lower))
        {
            return PasswordErrors.Blocklisted();
        }

        if (IsContextSpecific(lower, context))
        {
            return PasswordErrors.ContextSpecific();
        }

        return IsRepetitive(lower) ? PasswordErrors.Repetitive() : Result.Success();
    }

    /// <summary>Number of Unicode code points (NIST counts each as one character).</summary>
    public static int CountCodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static bool IsContextSpecific(string lower, PasswordContext context)
    {
        foreach (var word in ServiceWords)
        {
            if (lower.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        var username = context.Username?.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        return username is { Length: >= 3 } && lower.Contains(username, StringComparison.Ordinal);
    }

    /// <summary>
    /// A short unit repeated ("abcabcabc..."), one long run of a single character, an ascending or
    /// descending sequence, or one keyboard walk ("qwertyuiop...") over the whole password.
    /// </summary>
    private static bool IsRepetitive(string lower)
    {
        var distinct = lower.EnumerateRunes().Distinct().Count();
        if (distinct <= 2)
        {
            return true;
        }

        for (var unit = 1; unit <= Math.Min(6, lower.Length / 2); unit++)
        {
            if (lower.Length % unit == 0 && string.Concat(Enumerable.Repeat(lower[..unit], lower.Length / unit)) == lower)
            {
                return true;
            }
        }

        if (IsSequence(lower))
        {
            return true;
        }

        foreach (var match in new SpatialMatcher().MatchPassword(lower))
        {
            if (match.i == 0 && match.j == lower.Length - 1)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSequence(string lower)
    {
        if (lower.Length < 3)
        {
            return false;
        }

        var step = lower[1] - lower[0];
        if (Math.Abs(step) != 1)
        {
            return false;
        }

        for (var i = 2; i < lower.Length; i++)
        {
            if (lower[i] - lower[i - 1] != step)
            {
                return false;
            }
        }

        return true;
    }
}
