namespace Portcullis.Core.Secrets;

/// <summary>
/// Encrypts secrets that must be stored recoverably (TOTP seeds, authenticator offline seeds). The
/// purpose string is bound into the ciphertext: a value protected for one purpose cannot be
/// unprotected for another.
/// </summary>
public interface ISecretProtector
{
    byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose);

    /// <summary>The plaintext, or <c>null</c> if the data was altered, is for another purpose, or its key is gone.</summary>
    byte[]? Unprotect(ReadOnlySpan<byte> protectedData, string purpose);
}
