namespace Portcullis.Core.Passwords;

/// <summary>The outcome of checking a password against a stored hash.</summary>
public enum PasswordVerification
{
    Failed,
    Succeeded,

    /// <summary>Correct, but the stored hash uses other parameters than configured: store a new hash.</summary>
    SucceededRehashNeeded,
}
