using Microsoft.Extensions.Options;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.Users;

namespace Portcullis.Core.Notifications;

/// <summary>
/// A user's notification settings: the addresses alerts go to, which channels each event type uses, and the
/// anti-phishing phrase printed in every email. A changed address is a security change: it is audited and
/// announced (<see cref="NotificationTypes.ContactAdded"/>, <see cref="NotificationTypes.ContactRemoved"/>) like
/// any other. Security-critical types always keep email or text message with an address
/// (<see cref="PreferenceRules"/>). Webhook endpoints are <c>WebhookEndpointService</c>'s.
/// </summary>
public sealed class NotificationSettingsService(IGateStore store, IOptions<NotificationOptions> options, TimeProvider time)
{
    public const int MaxLabelLength = 64;

    public static IReadOnlyList<NotificationChannel> Channels { get; } =
        [NotificationChannel.Email, NotificationChannel.Sms, NotificationChannel.Webhook];

    public async Task<IReadOnlyList<NotificationContact>> ListContactsAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        return await unit.NotificationSettings.ListContactsAsync(userId, cancellationToken);
    }

    /// <summary>Adds an address: <paramref name="channel"/> <c>email</c> or <c>sms</c>.</summary>
    public async Task<Result<NotificationContact>> AddContactAsync(Guid userId, string? channel, string? address, string? label, string? ip,
        CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var result = await AddContactAsync(unit, userId, channel, address, label, ip, cancellationToken);
        if (result.IsSuccess)
        {
            await unit.CommitAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// Adds an address inside <paramref name="unit"/> without committing it (a held operation's executor runs it in the
    /// unit that records the approval). A failure stages nothing.
    /// </summary>
    public async Task<Result<NotificationContact>> AddContactAsync(IGateUnit unit, Guid userId, string? channel, string? address, string? label,
        string? ip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var parsed = NotificationCatalog.ParseChannel(channel);
        if (parsed is not (NotificationChannel.Email or NotificationChannel.Sms))
        {
            return NotificationErrors.ChannelUnknown() with { Message = "Addresses are for the email and sms channels." };
        }

        var (normalized, problem) = ContactAddresses.Normalize(parsed.Value, address);
        if (normalized is null)
        {
            return NotificationErrors.ContactInvalid("address", problem!);
        }

        string? cleanLabel = null;
        if (label is not null)
        {
            cleanLabel = Clean(label, MaxLabelLength);
            if (cleanLabel is null)
            {
                return NotificationErrors.ContactInvalid("label", $"1–{MaxLabelLength} characters.");
            }
        }

        var now = time.GetUtcNow();
        await unit.BeginAsync(cancellationToken); // the limit and duplicate checks must not interleave with another add
        var contacts = await unit.NotificationSettings.ListContactsAsync(userId, cancellationToken);
        if (contacts.Any(c => c.Channel == parsed && string.Equals(c.Address, normalized, StringComparison.OrdinalIgnoreCase)))
        {
            return NotificationErrors.ContactExists();
        }

        var max = Math.Max(2, options.Value.MaxContacts);
        if (contacts.Count >= max)
        {
            return NotificationErrors.ContactLimit(max);
        }

        var contact = new NotificationContact
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Channel = parsed.Value,
            Address = normalized,
            Label = cleanLabel,
            CreatedAt = now,
        };
        unit.NotificationSettings.AddContact(contact);
        var masked = ContactAddresses.Mask(contact.Channel, contact.Address);
        var data = ContactData(contact, masked);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.NotificationContactAdded, "ok", Actors.User(userId), Actors.User(userId), ip, data));
        Notify.Emit(unit, userId, NotificationTypes.ContactAdded, NotificationSeverity.Critical,
            $"A notification address was added to your account: {masked} ({NotificationCatalog.WireName(contact.Channel)}).", data, now);
        return contact;
    }

    /// <summary>
    /// Removes an address, unless it is the last one through which a security-critical type still reaches the user
    /// (<see cref="NotificationErrors.LastContactCode"/>): add another address first.
    /// </summary>
    public async Task<Result> RemoveContactAsync(Guid userId, Guid contactId, string? ip, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        var contact = await unit.NotificationSettings.FindContactAsync(userId, contactId, cancellationToken);
        if (contact is null)
        {
            return NotificationErrors.NotFound();
        }

        var contacts = await unit.NotificationSettings.ListContactsAsync(userId, cancellationToken);
        var remaining = contacts.Where(c => c.Id != contact.Id).ToList();
        var stored = await unit.NotificationSettings.ListPreferencesAsync(userId, cancellationToken);
        var stranded = NotificationCatalog.Everything.FirstOrDefault(k => k.Locked && Reachable(k, stored, contacts) && !Reachable(k, stored, remaining));
        if (stranded is not null)
        {
            return NotificationErrors.LastContact(stranded.Type);
        }

        unit.NotificationSettings.RemoveContact(contact);
        var masked = ContactAddresses.Mask(contact.Channel, contact.Address);
        var data = ContactData(contact, masked);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.NotificationContactRemoved, "ok", Actors.User(userId), Actors.User(userId), ip, data));
        Notify.Emit(unit, userId, NotificationTypes.ContactRemoved, NotificationSeverity.Critical,
            $"A notification address was removed from your account: {masked} ({NotificationCatalog.WireName(contact.Channel)}).", data, now);
        await unit.CommitAsync(cancellationToken);
        return Result.Success();
    }

    /// <summary>The effective matrix: every catalogued type × email, sms, webhook.</summary>
    public async Task<IReadOnlyList<PreferenceSetting>> ListPreferencesAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var stored = await unit.NotificationSettings.ListPreferencesAsync(userId, cancellationToken);
        return NotificationCatalog.Everything.Select(k => Setting(k, stored)).ToList();
    }

    /// <summary>
    /// Switches one channel on or off for one type. A choice equal to the default removes the stored row. Switching
    /// off email or sms for a security-critical type is refused unless the other stays on with an address.
    /// </summary>
    public async Task<Result<PreferenceSetting>> SetPreferenceAsync(Guid userId, string? type, string? channel, bool enabled, string? ip,
        CancellationToken cancellationToken)
    {
        if (type is null || !NotificationCatalog.IsKnown(type))
        {
            return NotificationErrors.TypeUnknown();
        }

        if (NotificationCatalog.ParseChannel(channel) is not { } parsed)
        {
            return NotificationErrors.ChannelUnknown();
        }

        var kind = NotificationCatalog.Describe(type);
        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        var stored = await unit.NotificationSettings.ListPreferencesAsync(userId, cancellationToken);
        var contacts = await unit.NotificationSettings.ListContactsAsync(userId, cancellationToken);
        if (!PreferenceRules.KeepsCriticalReachable(kind, parsed, enabled, stored, contacts))
        {
            return NotificationErrors.PreferenceLocked(kind.Type);
        }

        var existing = stored.FirstOrDefault(p => p.Channel == parsed && string.Equals(p.Type, kind.Type, StringComparison.Ordinal));
        var isDefault = kind.Defaults.Contains(parsed) == enabled;
        if (isDefault && existing is not null)
        {
            unit.NotificationSettings.RemovePreference(existing);
        }
        else if (!isDefault && existing is null)
        {
            unit.NotificationSettings.AddPreference(new NotificationPreference
            {
                UserId = userId,
                Type = kind.Type,
                Channel = parsed,
                Enabled = enabled,
                UpdatedAt = now,
            });
        }
        else if (existing is not null)
        {
            existing.Enabled = enabled;
            existing.UpdatedAt = now;
        }

        unit.Audit.Append(new AuditRecord(AuditEventTypes.NotificationPreferenceChanged, "ok", Actors.User(userId), Actors.User(userId), ip,
            new Dictionary<string, object?> { ["type"] = kind.Type, ["channel"] = NotificationCatalog.WireName(parsed), ["enabled"] = enabled }));
        await unit.CommitAsync(cancellationToken);
        return new PreferenceSetting(kind, Channels.ToDictionary(c => c, c => c == parsed ? enabled : PreferenceRules.IsEnabled(kind, c, stored)));
    }

    /// <summary>The user's anti-phishing phrase, or null when none is set.</summary>
    public async Task<string?> GetPhraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        return (await unit.Users.FindAsync(userId, cancellationToken))?.AntiPhishingPhrase;
    }

    /// <summary>Sets the phrase (normalised: see <see cref="AntiPhishingPhrases"/>). The phrase is never logged or audited.</summary>
    public async Task<Result<string>> SetPhraseAsync(Guid userId, string? phrase, string? ip, CancellationToken cancellationToken)
    {
        var clean = AntiPhishingPhrases.Normalize(phrase);
        if (clean is null)
        {
            return NotificationErrors.PhraseInvalid();
        }

        await using var unit = await store.OpenAsync(cancellationToken);
        var user = await unit.Users.FindAsync(userId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound();
        }

        var replaced = user.AntiPhishingPhrase is not null;
        user.AntiPhishingPhrase = clean;
        unit.Audit.Append(new AuditRecord(AuditEventTypes.NotificationPhraseSet, replaced ? "replaced" : "ok", Actors.User(userId), Actors.User(userId), ip));
        await unit.CommitAsync(cancellationToken);
        return clean;
    }

    /// <summary>Removes the phrase; returns whether there was one.</summary>
    public async Task<bool> ClearPhraseAsync(Guid userId, string? ip, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var user = await unit.Users.FindAsync(userId, cancellationToken);
        if (user?.AntiPhishingPhrase is null)
        {
            return false;
        }

        user.AntiPhishingPhrase = null;
        unit.Audit.Append(new AuditRecord(AuditEventTypes.NotificationPhraseCleared, "ok", Actors.User(userId), Actors.User(userId), ip));
        await unit.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Trims and drops control characters; null when the result is empty or longer than <paramref name="max"/>.</summary>
    public static string? Clean(string? text, int max)
    {
        var clean = new string((text ?? string.Empty).Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length >= 1 && clean.Length <= max ? clean : null;
    }

    private static PreferenceSetting Setting(NotificationKind kind, IReadOnlyList<NotificationPreference> stored) =>
        new(kind, Channels.ToDictionary(c => c, c => PreferenceRules.IsEnabled(kind, c, stored)));

    /// <summary>Whether a type reaches the user by email or text message: a channel that is on and has an address.</summary>
    private static bool Reachable(NotificationKind kind, IReadOnlyList<NotificationPreference> stored, IEnumerable<NotificationContact> contacts) =>
        contacts.Any(c => c.Channel is NotificationChannel.Email or NotificationChannel.Sms && PreferenceRules.IsEnabled(kind, c.Channel, stored));

    private static Dictionary<string, object?> ContactData(NotificationContact contact, string masked) => new()
    {
        ["contact_id"] = contact.Id,
        ["channel"] = NotificationCatalog.WireName(contact.Channel),
        ["address"] = masked,
    };
}
