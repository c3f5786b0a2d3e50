using System.Security.Cryptography;

namespace Portcullis.Core.Passwords;

/// <summary>
/// One-time passwords handed out by operators and the demo: five groups of five characters from an
/// alphabet without look-alikes (about 120 bits), easy to read aloud and to type.
/// </summary>
public static class PasswordGenerator
{
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static string Generate()
    {
        Span<char> chars = stackalloc char[29];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = i % 6 == 5 ? '-' : Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }
}
