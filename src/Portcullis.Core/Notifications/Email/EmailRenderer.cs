using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Portcullis.Core.Notifications.Delivery;

namespace Portcullis.Core.Notifications.Email;

/// <summary>
/// Renders a notification as an email, transport-free (the host turns it into MIME). Every email opens with
/// the user's anti-phishing phrase (or a line saying they have none and where to set it), then the event's
/// summary, its time in UTC and its details; security events end with the "this wasn't me" link. The activity
/// report (<see cref="NotificationTypes.ActivityReport"/>) carries its own text in the event's <c>text</c> field
/// and uses it as the body.
/// </summary>
public static class EmailRenderer
{
    public const string SubjectPrefix = "[Portcullis] ";

    /// <summary>Where the phrase is set (the endpoint is documented in the API guide).</summary>
    public const string PhraseEndpoint = "PUT /api/v1/me/anti-phishing-phrase";

    private const string FreezeIntro = "If this wasn't you, freeze your account now:";
    private const string FreezeExplained =
        "The link opens a page with one button, which signs your account out everywhere and asks for withdrawals and trading to be frozen. Nobody from Portcullis will ever ask you for a password or code.";

    private static readonly HashSet<string> Acronyms = new(StringComparer.OrdinalIgnoreCase) { "id", "ip", "url", "asn", "api", "sms", "utc", "totp" };

    // Readable in a mail client: no \u escapes for quotes and non-ASCII. Safe because every value is HTML-escaped on output.
    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static RenderedEmail Render(OutgoingNotification notification)
    {
        var kind = notification.Kind;
        var notificationEvent = notification.Event;
        var phrase = Clean(notification.User.AntiPhishingPhrase);
        var subject = SubjectPrefix + OneLine(kind.Title);
        var when = notificationEvent.CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        var data = ReadData(notificationEvent.Data);
        var report = string.Equals(notificationEvent.Type, NotificationTypes.ActivityReport, StringComparison.Ordinal)
            ? data.FirstOrDefault(d => d.Key == "text")?.Raw
            : null;
        var details = report is null ? data : [];
        var freeze = notification.FreezeUrl?.AbsoluteUri;

        return new RenderedEmail(subject,
            Text(phrase, kind.Title, notificationEvent.Summary, when, report, details, freeze, notificationEvent.Type),
            Html(phrase, kind.Title, notificationEvent.Summary, when, report, details, freeze, notificationEvent.Type));
    }

    /// <summary>The first line of every email.</summary>
    public static string PhraseLine(string? phrase) => Clean(phrase) is { } p
        ? $"Your anti-phishing phrase: {p}"
        : $"You have not set an anti-phishing phrase. Set one in your account ({PhraseEndpoint}) and every genuine email from Portcullis will show it here.";

    /// <summary>A data key as people read it: <c>device_id</c> → <c>Device ID</c>, <c>sessionsRevoked</c> → <c>Sessions revoked</c>.</summary>
    public static string Humanise(string key)
    {
        var spaced = new StringBuilder(key.Length + 8);
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c is '_' or '-' or '.')
            {
                spaced.Append(' ');
            }
            else
            {
                if (i > 0 && char.IsUpper(c) && char.IsLower(key[i - 1]))
                {
                    spaced.Append(' ');
                }

                spaced.Append(c);
            }
        }

        var words = spaced.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return key;
        }

        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            words[i] = Acronyms.Contains(word) ? word.ToUpperInvariant()
                : i == 0 ? char.ToUpperInvariant(word[0]) + word[1..].ToLowerInvariant()
                : word.ToLowerInvariant();
        }

        return string.Join(' ', words);
    }

    private static string Text(string? phrase, string title, string summary, string when, string? report,
        IReadOnlyList<Detail> details, string? freeze, string type)
    {
        var text = new StringBuilder();
        text.Append(PhraseLine(phrase)).Append('\n').Append('\n');
        text.Append(title).Append('\n').Append('\n');
        text.Append(summary).Append('\n').Append('\n');
        text.Append("Time: ").Append(when).Append('\n');
        if (report is not null)
        {
            text.Append('\n').Append(report.ReplaceLineEndings("\n").TrimEnd()).Append('\n');
        }
        else if (details.Count > 0)
        {
            text.Append('\n').Append("Details:").Append('\n');
            foreach (var detail in details)
            {
                text.Append("  ").Append(Humanise(detail.Key)).Append(": ").Append(OneLine(detail.Text)).Append('\n');
            }
        }

        if (freeze is not null)
        {
            text.Append('\n').Append(FreezeIntro).Append('\n').Append(freeze).Append('\n').Append(FreezeExplained).Append('\n');
        }

        text.Append('\n').Append("-- ").Append('\n')
            .Append("Portcullis security notification (").Append(type).Append("). Check the anti-phishing phrase before you act on any email.")
            .Append('\n');
        return text.ToString();
    }

    private static string Html(string? phrase, string title, string summary, string when, string? report,
        IReadOnlyList<Detail> details, string? freeze, string type)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title></head>\n")
            .Append("<body style=\"font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1b1f24;max-width:640px;margin:0 auto;padding:16px\">\n");
        html.Append("<p style=\"padding:8px 12px;border:1px solid #c8d1dc;border-radius:4px;background:#f3f6f9\">")
            .Append(E(PhraseLine(phrase))).Append("</p>\n");
        html.Append("<h1 style=\"font-size:20px\">").Append(E(title)).Append("</h1>\n");
        html.Append("<p>").Append(E(summary)).Append("</p>\n");
        html.Append("<p>Time: ").Append(E(when)).Append("</p>\n");
        if (report is not null)
        {
            html.Append("<pre style=\"font-family:Menlo,Consolas,monospace;font-size:13px;white-space:pre-wrap\">")
                .Append(E(report.ReplaceLineEndings("\n").TrimEnd())).Append("</pre>\n");
        }
        else if (details.Count > 0)
        {
            html.Append("<table style=\"border-collapse:collapse\">\n");
            foreach (var detail in details)
            {
                html.Append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0;font-weight:600\">").Append(E(Humanise(detail.Key)))
                    .Append("</th><td style=\"padding:2px 0\">").Append(E(detail.Text)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        if (freeze is not null)
        {
            html.Append("<div style=\"margin:24px 0;padding:12px;border:2px solid #b42318;border-radius:4px\">\n")
                .Append("<p style=\"margin-top:0;font-weight:600\">").Append(E(FreezeIntro)).Append("</p>\n")
                .Append("<p><a href=\"").Append(E(freeze))
                .Append("\" style=\"display:inline-block;padding:10px 18px;background:#b42318;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:600\">Freeze my account</a></p>\n")
                .Append("<p style=\"font-size:13px\">Or open this address: ").Append(E(freeze)).Append("</p>\n")
                .Append("<p style=\"font-size:13px;margin-bottom:0\">").Append(E(FreezeExplained)).Append("</p>\n")
                .Append("</div>\n");
        }

        html.Append("<p style=\"font-size:12px;color:#57606a\">Portcullis security notification (").Append(E(type))
            .Append("). Check the anti-phishing phrase before you act on any email.</p>\n");
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);

    private static string? Clean(string? phrase) => string.IsNullOrWhiteSpace(phrase) ? null : OneLine(phrase.Trim());

    private static string OneLine(string value) => value.ReplaceLineEndings(" ");

    /// <summary>The top-level members of the event's JSON object; anything else is shown as one raw value.</summary>
    private static List<Detail> ReadData(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            // Events are written by the gate as JSON objects; if one is not, show it as it is rather than lose it.
            return [new Detail("data", json, json)];
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [new Detail("data", Compact(document.RootElement), null)];
            }

            return document.RootElement.EnumerateObject()
                .Select(p => new Detail(p.Name, Format(p.Value), p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null))
                .ToList();
        }
    }

    private static string Format(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Null or JsonValueKind.Undefined => "(none)",
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Number => value.GetRawText(),
        _ => Compact(value),
    };

    private static string Compact(JsonElement value) => JsonSerializer.Serialize(value, CompactJson);

    /// <param name="Key">The JSON member name.</param>
    /// <param name="Text">The value as text (nested values as compact JSON).</param>
    /// <param name="Raw">The value when it is a JSON string (the report's text keeps its line breaks).</param>
    private sealed record Detail(string Key, string Text, string? Raw);
}
