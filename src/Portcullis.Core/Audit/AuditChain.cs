using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Portcullis.Core.Audit;

/// <summary>
/// The hash chain over audit rows. A row's hash is SHA-256 over a canonical JSON array of
/// <c>[sequence, at, actor, subject, type, code, ip, data, previous-hash-hex]</c>; the first row's
/// predecessor is 32 zero bytes.
/// </summary>
public static class AuditChain
{
    public static byte[] Genesis => new byte[32];

    /// <summary>Audit times keep whole milliseconds so that every store round-trips them exactly.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>Builds the chained row that follows <paramref name="previousHash"/>.</summary>
    public static AuditEvent Link(AuditRecord record, long sequence, DateTimeOffset at, byte[] previousHash)
    {
        var data = JsonSerializer.Serialize(record.Data ?? new Dictionary<string, object?>());
        var truncated = Truncate(at);
        var hash = ComputeHash(sequence, truncated, record.Actor, record.Subject, record.Type, record.Code, record.Ip, data, previousHash);
        return new AuditEvent
        {
            Sequence = sequence,
            At = truncated,
            Actor = record.Actor,
            Subject = record.Subject,
            Type = record.Type,
            Code = record.Code,
            Ip = record.Ip,
            Data = data,
            PreviousHash = previousHash,
            Hash = hash,
        };
    }

    public static byte[] ComputeHash(AuditEvent e) =>
        ComputeHash(e.Sequence, e.At, e.Actor, e.Subject, e.Type, e.Code, e.Ip, e.Data, e.PreviousHash);

    public static byte[] ComputeHash(long sequence, DateTimeOffset at, string actor, string? subject, string type,
        string code, string? ip, string data, byte[] previousHash)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(sequence);
            writer.WriteStringValue(at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteStringValue(actor);
            WriteNullable(writer, subject);
            writer.WriteStringValue(type);
            writer.WriteStringValue(code);
            WriteNullable(writer, ip);
            writer.WriteStringValue(data);
            writer.WriteStringValue(Convert.ToHexStringLower(previousHash));
            writer.WriteEndArray();
        }

        return SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private static void WriteNullable(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
