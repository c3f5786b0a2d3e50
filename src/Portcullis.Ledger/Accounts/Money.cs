namespace Portcullis.Ledger.Accounts;

/// <summary>Amount rules shared by the journal and its callers.</summary>
internal static class Money
{
    /// <summary>Decimal places kept for amounts and quantities (the database columns' scale).</summary>
    public const int Scale = 10;

    public static decimal Round(decimal value) => Math.Round(value, Scale, MidpointRounding.ToEven);

    public static bool IsCurrencyCode(string? code) => code is { Length: 3 } && code.All(char.IsAsciiLetterUpper);

    public static int DecimalPlaces(decimal value) => (decimal.GetBits(value)[3] >> 16) & 0xFF;
}
