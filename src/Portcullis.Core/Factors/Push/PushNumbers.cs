using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Portcullis.Core.Factors.Push;

/// <summary>
/// Number matching (NIST SP 800-63B-4 §5.1.3.2 on out-of-band push): the person signing in sees a two-digit number
/// and must pick it on the device among three, so a push cannot be approved blindly.
/// </summary>
public static class PushNumbers
{
    public const int Count = 3;

    /// <summary>A number from 10 to 99 and three distinct choices including it, in random order.</summary>
    public static (int Number, int[] Choices) Draw()
    {
        var choices = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            int candidate;
            do
            {
                candidate = RandomNumberGenerator.GetInt32(10, 100);
            }
            while (Array.IndexOf(choices, candidate, 0, i) >= 0);
            choices[i] = candidate;
        }

        var number = choices[0];
        RandomNumberGenerator.Shuffle(choices.AsSpan());
        return (number, choices);
    }

    /// <summary>Whether the number picked on the device is <paramref name="number"/>, compared in constant time.</summary>
    public static bool Matches(int? picked, int number)
    {
        Span<byte> a = stackalloc byte[sizeof(int)];
        Span<byte> b = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(a, picked ?? -1);
        BinaryPrimitives.WriteInt32LittleEndian(b, number);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    public static string Format(IEnumerable<int> choices) => string.Join(',', choices.Select(c => c.ToString(CultureInfo.InvariantCulture)));

    public static IReadOnlyList<int> Parse(string choices) =>
        choices.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
}
