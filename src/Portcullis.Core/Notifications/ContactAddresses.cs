using System.Globalization;
using Portcullis.Core.Factors.Sms;

namespace Portcullis.Core.Notifications;

/// <summary>
/// Validates and normalises notification addresses: a plain email address (one address, no display name, no
/// comments or quoted local part; the domain in lower-case ASCII, IDNs as punycode) or a phone number in E.164.
/// </summary>
public static class ContactAddresses
{
    public const int MaxEmailLength = 254;

    private const string AText = "!#$%&'*+-/=?^_`{|}~";

    /// <summary>The normalised address for <paramref name="channel"/>, or the problem for the user.</summary>
    public static (string? Address, string? Problem) Normalize(NotificationChannel channel, string? input) => channel switch
    {
        NotificationChannel.Email => TryNormalizeEmail(input, out var email)
            ? (email, null)
            : (null, "One plain email address, e.g. alice@example.com (no name, no angle brackets)."),
        NotificationChannel.Sms => PhoneNumber.TryNormalize(input, out var phone)
            ? (phone, null)
            : (null, "A phone number in international form, e.g. +41 44 668 18 00."),
        _ => (null, "Addresses are for email and sms only."),
    };

    /// <summary>
    /// RFC 5321 §4.1.2 <c>Mailbox</c> with a dot-atom local part (§4.1.2 <c>Dot-string</c>) of at most 64 characters
    /// and a domain of at least two labels; the whole at most 254 characters (§4.5.3.1.3 path limit less the brackets).
    /// </summary>
    public static bool TryNormalizeEmail(string? input, out string? email)
    {
        email = null;
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxEmailLength)
        {
            return false;
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != text.LastIndexOf('@') || at > 64)
        {
            return false;
        }

        var local = text[..at];
        if (!IsDotAtom(local))
        {
            return false;
        }

        string domain;
        try
        {
            domain = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(text[(at + 1)..].TrimEnd('.')).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return false;
        }

        var labels = domain.Split('.');
        if (domain.Length > 253 || labels.Length < 2 || labels.Any(l => l.Length is 0 or > 63 || l[0] == '-' || l[^1] == '-')
            || labels[^1].All(char.IsAsciiDigit))
        {
            return false;
        }

        var normalized = local + "@" + domain;
        if (normalized.Length > MaxEmailLength)
        {
            return false;
        }

        email = normalized;
        return true;
    }

    /// <summary>A partly hidden address for alerts and the audit log: <c>a•••@example.com</c>, <c>•••1800</c>.</summary>
    public static string Mask(NotificationChannel channel, string address)
    {
        if (channel == NotificationChannel.Sms)
        {
            return PhoneNumber.Mask(address);
        }

        var at = address.LastIndexOf('@');
        return at <= 0 ? "•••" : $"{address[0]}•••{address[at..]}";
    }

    private static bool IsDotAtom(string local)
    {
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        return local.All(c => char.IsAsciiLetterOrDigit(c) || c == '.' || AText.Contains(c, StringComparison.Ordinal));
    }
}
