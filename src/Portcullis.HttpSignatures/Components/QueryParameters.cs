using System.Text;

namespace Portcullis.HttpSignatures.Components;

/// <summary>
/// RFC 9421 §2.2.8: query parameters parsed as application/x-www-form-urlencoded (WHATWG URL), then each
/// name and value re-encoded with the form-urlencoded percent-encode set.
/// </summary>
internal static class QueryParameters
{
    public static List<KeyValuePair<string, string>> Parse(string query)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (query.StartsWith('?'))
        {
            query = query[1..];
        }

        foreach (var sequence in query.Split('&'))
        {
            if (sequence.Length == 0)
            {
                continue;
            }

            var eq = sequence.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? sequence : sequence[..eq];
            var value = eq < 0 ? string.Empty : sequence[(eq + 1)..];
            result.Add(new(Encode(Decode(name)), Encode(Decode(value))));
        }

        return result;
    }

    private static string Decode(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text.Replace('+', ' '));
        var output = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '%' && i + 2 < bytes.Length && IsHex(bytes[i + 1]) && IsHex(bytes[i + 2]))
            {
                output.Add((byte)((HexValue(bytes[i + 1]) << 4) | HexValue(bytes[i + 2])));
                i += 2;
            }
            else
            {
                output.Add(bytes[i]);
            }
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static string Encode(string text)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '*' or '-' or '.' or '_')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static bool IsHex(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F');

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
