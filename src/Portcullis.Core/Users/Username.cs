using System.Text;

namespace Portcullis.Core.Users;

/// <summary>
/// Usernames are compared after NFKC normalisation, trimming and invariant lower-casing, so that
/// "Alice", "ALICE" and "Ａｌｉｃｅ" (full-width) are the same user. Allowed: 3–64 letters, digits and
/// <c>. _ - @ +</c> (e-mail addresses work as usernames).
/// </summary>
public static class Username
{
    public const int MinLength = 3;
    public const int MaxLength = 64;

    /// <summary>Normalises <paramref name="raw"/>; the result may still be invalid (see <see cref="IsValid"/>).</summary>
    public static string Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return string.Empty;
        }

        // Bound the work before normalising input that may come from anyone.
        var bounded = raw.Length > 4 * MaxLength ? raw[..(4 * MaxLength)] : raw;
        return bounded.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant();
    }

    public static bool IsValid(string normalized)
    {
        if (normalized.Length is < MinLength or > MaxLength)
        {
            return false;
        }

        foreach (var c in normalized)
        {
            if (!char.IsLetterOrDigit(c) && c is not ('.' or '_' or '-' or '@' or '+'))
            {
                return false;
            }
        }

        return true;
    }
}
