namespace Portcullis.Core.Factors.RecoveryCodes;

/// <summary>How many recovery codes a user has left, and when the set was generated (never the codes).</summary>
public sealed record RecoveryCodeStatus(int Remaining, DateTimeOffset? GeneratedAt);
