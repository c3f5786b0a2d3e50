namespace Portcullis.Ledger.Accounts;

/// <summary>What a materialised balance counts: cash in a currency, or a quantity of an instrument.</summary>
internal enum BalanceKind
{
    Cash,
    Position,
}
