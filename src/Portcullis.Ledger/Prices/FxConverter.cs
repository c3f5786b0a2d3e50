using Portcullis.Ledger.Accounts;

namespace Portcullis.Ledger.Prices;

/// <summary>
/// Converts amounts between currencies with the reference prices of forex pairs: <c>EURUSD</c> is the price of one
/// EUR in USD, so EUR → USD multiplies by it and USD → EUR divides by it.
/// </summary>
internal sealed class FxConverter(IPriceSource prices)
{
    public async Task<decimal?> RateAsync(string from, string to, CancellationToken cancellationToken)
    {
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            return 1m;
        }

        if (await prices.GetQuoteAsync(from + to, cancellationToken) is { Price: > 0 } direct)
        {
            return direct.Price;
        }

        if (await prices.GetQuoteAsync(to + from, cancellationToken) is { Price: > 0 } inverse)
        {
            return 1m / inverse.Price;
        }

        return null;
    }

    public async Task<decimal?> ConvertAsync(decimal amount, string from, string to, CancellationToken cancellationToken) =>
        await RateAsync(from, to, cancellationToken) is { } rate ? Money.Round(amount * rate) : null;
}
