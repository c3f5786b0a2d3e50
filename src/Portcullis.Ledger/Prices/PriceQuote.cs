namespace Portcullis.Ledger.Prices;

/// <summary>A reference price per unit of <paramref name="Symbol"/>, in the instrument's currency, as of <paramref name="At"/>.</summary>
public sealed record PriceQuote(string Symbol, decimal Price, DateTimeOffset At);
