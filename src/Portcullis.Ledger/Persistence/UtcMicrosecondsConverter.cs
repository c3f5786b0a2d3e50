using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Portcullis.Ledger.Persistence;

/// <summary>
/// Stores <see cref="DateTimeOffset"/> in SQLite as an integer count of microseconds (UTC), as the gate does, so that
/// values sort and compare in SQL and keep PostgreSQL's <c>timestamptz</c> precision.
/// </summary>
internal sealed class UtcMicrosecondsConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks / 10,
    v => new DateTimeOffset(v * 10, TimeSpan.Zero));
