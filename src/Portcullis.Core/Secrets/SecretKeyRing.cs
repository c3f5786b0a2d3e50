using System.Security.Cryptography;
using System.Text;

namespace Portcullis.Core.Secrets;

/// <summary>
/// AES-256-GCM with a ring of keys. New data is sealed with the current key; older keys stay in the ring
/// so data sealed before a rotation still opens. Layout: <c>0x01 | key id (4 bytes) | nonce (12) |
/// ciphertext | tag (16)</c>, with the purpose as associated data.
/// </summary>
public sealed class SecretKeyRing : ISecretProtector
{
    private const byte Format = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + 4 + NonceSize;

    private readonly Dictionary<uint, byte[]> _keys;

    public SecretKeyRing(IReadOnlyDictionary<uint, byte[]> keys, uint currentKeyId)
    {
        if (!keys.TryGetValue(currentKeyId, out var current) || current.Length != 32)
        {
            throw new ArgumentException("The current key must be in the ring and 32 bytes long.", nameof(keys));
        }

        _keys = keys.ToDictionary(k => k.Key, k => k.Value.ToArray());
        CurrentKeyId = currentKeyId;
    }

    public uint CurrentKeyId { get; }

    public IReadOnlyCollection<uint> KeyIds => _keys.Keys;

    public byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var output = new byte[HeaderSize + plaintext.Length + TagSize];
        output[0] = Format;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(1, 4), CurrentKeyId);
        var nonce = output.AsSpan(5, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[CurrentKeyId], TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(HeaderSize, plaintext.Length), output.AsSpan(HeaderSize + plaintext.Length, TagSize),
            Encoding.UTF8.GetBytes(purpose));
        return output;
    }

    public byte[]? Unprotect(ReadOnlySpan<byte> protectedData, string purpose)
    {
        if (protectedData.Length < HeaderSize + TagSize || protectedData[0] != Format)
        {
            return null;
        }

        var keyId = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(protectedData.Slice(1, 4));
        if (!_keys.TryGetValue(keyId, out var key))
        {
            return null;
        }

        var length = protectedData.Length - HeaderSize - TagSize;
        var plaintext = new byte[length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(protectedData.Slice(5, NonceSize), protectedData.Slice(HeaderSize, length),
                protectedData.Slice(HeaderSize + length, TagSize), plaintext, Encoding.UTF8.GetBytes(purpose));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
