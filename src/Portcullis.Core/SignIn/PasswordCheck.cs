namespace Portcullis.Core.SignIn;

/// <summary>The outcome of a password attempt that was evaluated (not throttled).</summary>
/// <param name="Verified">The password is the user's, and the user is active.</param>
/// <param name="Reason">The audit code: <c>ok</c>, <c>bad_password</c>, <c>unknown_user</c> or <c>user_disabled</c>.</param>
/// <param name="NewHash">When verified, a PHC hash to store: the hash of the attempt's <see cref="PasswordAttempt.Replacement"/>, or else the
/// password's own again because the parameters changed.</param>
public sealed record PasswordCheck(bool Verified, string Reason, string? NewHash);
