namespace Portcullis.Ledger.Accounts;

/// <summary>Cash in one currency; <paramref name="Available"/> is what open buy orders have not reserved.</summary>
public sealed record CashBalance(string Currency, decimal Amount, decimal Available);
