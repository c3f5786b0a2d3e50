namespace Portcullis.Ledger.Margin;

/// <summary>
/// <c>cash</c>: orders are paid from cash in the instrument's currency, nothing is borrowed, no short sales.
/// <c>margin</c>: buying power is equity × leverage in the base currency; cash balances may go negative (a loan).
/// </summary>
public enum MarginMode
{
    Cash,
    Margin,
}
