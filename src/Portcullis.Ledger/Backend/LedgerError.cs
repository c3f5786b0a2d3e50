namespace Portcullis.Ledger.Backend;

/// <summary>
/// An expected failure of a ledger operation: a stable <see cref="Code"/> (<c>ledger.*</c>, see
/// <see cref="LedgerErrors"/>) that the gate maps to a problem detail, and a message safe to show the caller.
/// </summary>
public sealed record LedgerError(string Code, string Message);
