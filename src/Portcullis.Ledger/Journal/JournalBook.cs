namespace Portcullis.Ledger.Journal;

/// <summary>
/// The book a journal line belongs to. <c>Cash</c> (a currency) and <c>Position</c> (an instrument quantity) are the
/// customer's; <c>External</c> is the outside world's cash (deposits in, withdrawals out); <c>MarketCash</c> and
/// <c>MarketPosition</c> are the counterparty of every fill. Entries balance per asset within cash books and within
/// quantity books separately, so a symbol never mixes with a currency code.
/// </summary>
public enum JournalBook
{
    Cash,
    Position,
    External,
    MarketCash,
    MarketPosition,
}
