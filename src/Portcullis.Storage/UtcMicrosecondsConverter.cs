using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Portcullis.Storage;

/// <summary>
/// Stores <see cref="DateTimeOffset"/> in SQLite as an integer count of microseconds (UTC), so that values
/// sort and compare in SQL and keep the same precision as PostgreSQL's <c>timestamptz</c>.
/// </summary>
internal sealed class UtcMicrosecondsConverter() : ValueConverter<DateTimeOffset, long>(
    v => ToMicroseconds(v),
    v => FromMicroseconds(v))
{
    public static long ToMicroseconds(DateTimeOffset value) => value.UtcTicks / 10;

    public static DateTimeOffset FromMicroseconds(long value) => new(value * 10, TimeSpan.Zero);
}
