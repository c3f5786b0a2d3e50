using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Portcullis.Ledger.Backend;

namespace Portcullis.Ledger.Persistence;

/// <summary>Stores an enumeration as its wire name (<c>stop_limit</c>), so the database reads like the API.</summary>
internal sealed class WireNameConverter<TEnum>() : ValueConverter<TEnum, string>(v => LedgerNames.Of(v), v => Parse(v))
    where TEnum : struct, Enum
{
    private static TEnum Parse(string value) =>
        LedgerNames.TryParse<TEnum>(value, out var parsed) ? parsed : throw new InvalidDataException($"Unknown {typeof(TEnum).Name} '{value}' in the ledger database.");
}
