using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Portcullis.Core.Factors.RecoveryCodes;

/// <summary>
/// Recovery codes look like <c>abcd-efgh-jkmn-pqrs</c>: four groups of four characters from a 31-letter alphabet
/// without look-alikes (no 0/o, 1/l/i), so 16 × log2(31) ≈ 79 bits each — above the 64 bits NIST SP 800-63B-4
/// §3.1.2.1 asks of a look-up secret that is throttled. The first group finds the stored row; the whole code is
/// checked against its Argon2id hash.
/// </summary>
public static class RecoveryCodeFormat
{
    public const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    public const int Groups = 4;
    public const int GroupLength = 4;
    public const int Length = Groups * GroupLength + Groups - 1;

    /// <summary>Bits of entropy of one code.</summary>
    public static double EntropyBits => Groups * GroupLength * Math.Log2(Alphabet.Length);

    public static string Generate()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = i % (GroupLength + 1) == GroupLength ? '-' : Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary><paramref name="count"/> codes whose first groups all differ, so each look-up finds one row.</summary>
    public static IReadOnlyList<string> GenerateSet(int count)
    {
        var codes = new List<string>(count);
        var lookups = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < count)
        {
            var code = Generate();
            if (lookups.Add(LookupOf(code)))
            {
                codes.Add(code);
            }
        }

        return codes;
    }

    /// <summary>
    /// The canonical form of what a user typed: lower case, spaces and hyphens ignored, regrouped with hyphens.
    /// Returns <c>false</c> for anything that cannot be a code (wrong length, letters outside the alphabet).
    /// </summary>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? code)
    {
        code = null;
        if (input is null || input.Length > 64)
        {
            return false;
        }

        Span<char> chars = stackalloc char[Groups * GroupLength];
        var count = 0;
        foreach (var raw in input)
        {
            if (raw is ' ' or '-' or '\t')
            {
                continue;
            }

            var c = char.ToLowerInvariant(raw);
            if (count == chars.Length || !Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }

            chars[count++] = c;
        }

        if (count != chars.Length)
        {
            return false;
        }

        code = string.Create(Length, chars.ToArray(), static (span, source) =>
        {
            var j = 0;
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = i % (GroupLength + 1) == GroupLength ? '-' : source[j++];
            }
        });
        return true;
    }

    /// <summary>The first group of a canonical code.</summary>
    public static string LookupOf(string code) => code[..GroupLength];
}
