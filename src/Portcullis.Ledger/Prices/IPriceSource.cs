namespace Portcullis.Ledger.Prices;

/// <summary>
/// Where reference prices come from. Market orders fill at the reference price; resting limit and stop
/// orders fill when it crosses them. Implementations read time only from their <see cref="TimeProvider"/>.
/// </summary>
public interface IPriceSource
{
    /// <summary>The current reference price, or <c>null</c> when the source has none for the symbol.</summary>
    ValueTask<PriceQuote?> GetQuoteAsync(string symbol, CancellationToken cancellationToken);
}
