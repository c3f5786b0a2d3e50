using System.Globalization;
using System.Text;

namespace Portcullis.Core.Notifications;

/// <summary>
/// The anti-phishing phrase a user chooses for their emails: Unicode NFKC, trimmed, 4–64 characters, without
/// control, format (e.g. bidirectional overrides, zero-width), private-use, unassigned or line-separator characters,
/// so that what the email shows is what the user typed.
/// </summary>
public static class AntiPhishingPhrases
{
    public const int MinLength = 4;
    public const int MaxLength = 64;

    /// <summary>The normalised phrase, or null when it is not acceptable.</summary>
    public static string? Normalize(string? input)
    {
        if (input is null || input.Length > MaxLength * 4 || HasLoneSurrogate(input))
        {
            return null;
        }

        var text = input.Normalize(NormalizationForm.FormKC).Trim();
        if (text.Length is < MinLength or > MaxLength)
        {
            return null;
        }

        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(text, i) is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return null;
            }
        }

        return text;
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
