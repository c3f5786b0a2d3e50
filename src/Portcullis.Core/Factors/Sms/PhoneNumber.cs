using System.Diagnostics.CodeAnalysis;

namespace Portcullis.Core.Factors.Sms;

/// <summary>Phone numbers in E.164 form (ITU-T E.164 §6: a country code, then at most 15 digits in all).</summary>
public static class PhoneNumber
{
    private const int MaxInputLength = 32;

    /// <summary>
    /// Accepts <c>+</c> followed by 8–15 digits, the first not 0 (no country code starts with 0). Spaces,
    /// hyphens, dots and parentheses between digits are dropped; anything else is refused.
    /// </summary>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? e164)
    {
        e164 = null;
        var text = input?.Trim();
        if (text is null || text.Length is < 2 or > MaxInputLength || text[0] != '+')
        {
            return false;
        }

        Span<char> digits = stackalloc char[MaxInputLength];
        var count = 0;
        foreach (var c in text.AsSpan(1))
        {
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return false;
            }
        }

        if (count is < 8 or > 15 || digits[0] == '0')
        {
            return false;
        }

        e164 = "+" + new string(digits[..count]);
        return true;
    }

    /// <summary>The last four digits only, for audit records and answers: <c>•••1800</c>.</summary>
    public static string Mask(string e164) => e164.Length > 4 ? $"•••{e164[^4..]}" : "•••";
}
