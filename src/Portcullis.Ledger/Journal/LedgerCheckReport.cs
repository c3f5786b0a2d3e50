namespace Portcullis.Ledger.Journal;

/// <summary>
/// The result of <c>CheckAsync</c>: whether every entry balances and every materialised balance equals its journal;
/// if not, the first inconsistency found (entries in posting order, then accounts by id).
/// </summary>
public sealed record LedgerCheckReport(bool IsConsistent, string? FirstProblem, int EntriesChecked, int AccountsChecked);
