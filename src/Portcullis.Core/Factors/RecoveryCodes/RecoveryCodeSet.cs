namespace Portcullis.Core.Factors.RecoveryCodes;

/// <summary>A new set of recovery codes, in plain text this once; only their hashes are stored.</summary>
/// <param name="Factor">The user's recovery-codes factor that stands for the set.</param>
/// <param name="Invalidated">Unused codes of the previous set that no longer work.</param>
public sealed record RecoveryCodeSet(Factor Factor, IReadOnlyList<string> Codes, DateTimeOffset GeneratedAt, int Invalidated)
{
    public override string ToString() => $"RecoveryCodeSet {{ Factor = {Factor.Id}, Count = {Codes.Count} }}";
}
