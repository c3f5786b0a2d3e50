namespace Portcullis.Core.Passwords;

/// <summary>What the policy needs to know about the account a password is for.</summary>
/// <param name="Username">The account's username; a password may not contain it.</param>
/// <param name="HasSecondFactor">Whether the account has a second factor (lowers the minimum length).</param>
public sealed record PasswordContext(string? Username, bool HasSecondFactor);
