using System.Text;

namespace Portcullis.Ledger.Backend;

/// <summary>
/// Wire names of the ledger's enumerations: <c>snake_case</c> of the member (<c>StopLimit</c> → <c>stop_limit</c>).
/// The policy attributes (asset class, order type) use the same names.
/// </summary>
public static class LedgerNames
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    /// <summary>Parses a wire name (exact, lower case); numbers and other spellings are refused.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
