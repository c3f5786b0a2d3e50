using System.Globalization;

namespace Portcullis.Core.Passwords;

/// <summary>
/// A parsed Argon2id hash in the PHC string format:
/// <c>$argon2id$v=19$m=19456,t=2,p=1$&lt;salt&gt;$&lt;hash&gt;</c>, salt and hash in unpadded standard Base64.
/// </summary>
public sealed record PhcHash(int Version, int MemoryKiB, int Iterations, int Parallelism, byte[] Salt, byte[] Hash)
{
    public const string AlgorithmId = "argon2id";

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"${AlgorithmId}$v={Version}$m={MemoryKiB},t={Iterations},p={Parallelism}${Encode(Salt)}${Encode(Hash)}");

    public static bool TryParse(string? value, out PhcHash? hash)
    {
        hash = null;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        var parts = value.Split('$');
        if (parts.Length != 6 || parts[0].Length != 0 || parts[1] != AlgorithmId || !parts[2].StartsWith("v=", StringComparison.Ordinal))
        {
            return false;
        }

        if (!int.TryParse(parts[2].AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        int m = 0, t = 0, p = 0;
        foreach (var pair in parts[3].Split(','))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !int.TryParse(pair.AsSpan(eq + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            switch (pair[..eq])
            {
                case "m": m = number; break;
                case "t": t = number; break;
                case "p": p = number; break;
                default: return false;
            }
        }

        var salt = Decode(parts[4]);
        var digest = Decode(parts[5]);
        if (m <= 0 || t <= 0 || p <= 0 || salt is null || digest is null || salt.Length < 8 || digest.Length < 16)
        {
            return false;
        }

        hash = new PhcHash(version, m, t, p, salt, digest);
        return true;
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[]? Decode(string text)
    {
        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        var buffer = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : null;
    }
}
