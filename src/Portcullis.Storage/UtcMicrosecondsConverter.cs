using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Portcullis.Storage;

/// <summary>
/// Stores <see cref="DateTimeOffset"/> in SQLite as an integer count of microseconds (UTC), so that values
/// sort and compare in SQL and keep the same precision as PostgreSQL's <c>timestamptz</c>.
/// </summary>
internal sealed class UtcMicrosecondsConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks / 10,
    v => new DateTimeOffset(v * 10, TimeSpan.Zero));
