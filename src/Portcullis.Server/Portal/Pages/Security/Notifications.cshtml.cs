using Microsoft.AspNetCore.Mvc;
using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Reports;
using Portcullis.Core.Notifications.Webhooks;
using Portcullis.Core.Policy;
using Portcullis.Core.Sessions;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;

namespace Portcullis.Server.Portal.Pages.Security;

/// <summary>
/// Where alerts go and which: the same use cases as <c>/api/v1/me/notification-contacts</c> (add, remove),
/// <c>/me/notification-preferences</c>, <c>/me/anti-phishing-phrase</c> (set, clear), <c>/me/activity-report/frequency</c>
/// and <c>GET /me/webhooks</c> (listed; added and changed through the API), each after the policy allowed the API's own
/// operation. A held contact is explained (this page cannot request an approval).
/// </summary>
public sealed class NotificationsModel(NotificationSettingsService settings, ActivityReportService reports, WebhookEndpointService webhooks)
    : PortalPageModel
{
    /// <summary>The channels of the preference matrix, in its column order.</summary>
    public static readonly IReadOnlyList<string> Channels = ["email", "sms", "webhook"];

    [BindProperty] public string? Channel { get; set; } = "email";
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? ContactLabel { get; set; }
    [BindProperty] public string? Phrase { get; set; }
    [BindProperty] public string? Frequency { get; set; }

    /// <summary>The ticked preference cells, each <c>type|channel</c>.</summary>
    [BindProperty] public List<string> Enabled { get; set; } = [];

    public IReadOnlyList<ContactView> Contacts { get; private set; } = [];

    public IReadOnlyList<PreferenceView> Preferences { get; private set; } = [];

    public IReadOnlyList<WebhookView> Webhooks { get; private set; } = [];

    /// <summary>The phrase as set, or <c>null</c>.</summary>
    public string? CurrentPhrase { get; private set; }

    public string CurrentFrequency { get; private set; } = "weekly";

    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done = null)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn();
        }

        Show(current);
        Notice = done switch
        {
            "contact-added" => "The address was added. Your other addresses were told about the change.",
            "contact-removed" => "The address was removed.",
            "phrase-set" => "Your anti-phishing phrase was saved. Every email from us will show it.",
            "phrase-cleared" => "Your anti-phishing phrase was removed.",
            "frequency" => "Your activity report setting was saved.",
            "preferences" => "Your alert preferences were saved.",
            _ => null,
        };
        await LoadAsync(current);
        return Page();
    }

    public async Task<IActionResult> OnPostAddContactAsync()
    {
        if (await EnterAsync(Operations.NotificationContactAdd, "add an alert address") is { } early)
        {
            return early;
        }

        var current = HttpContext.CurrentSession();
        if (string.IsNullOrWhiteSpace(Address))
        {
            FieldErrors["address"] = "Write an email address or a phone number in international form, such as +14155550100.";
            return await PageAsync(current);
        }

        var result = await settings.AddContactAsync(current.User.Id, Channel, Address, ContactLabel, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            ApiKeyPortal.AddFields(result.Error.Fields, FieldErrors);
            if (FieldErrors.Count == 0)
            {
                FieldErrors["address"] = result.Error.Message;
            }

            return await PageAsync(current);
        }

        return RedirectToPage("/Security/Notifications", new { done = "contact-added" });
    }

    public async Task<IActionResult> OnPostRemoveContactAsync(Guid id)
    {
        if (await EnterAsync(Operations.NotificationContactRemove, "remove an alert address") is { } early)
        {
            return early;
        }

        var current = HttpContext.CurrentSession();
        var result = await settings.RemoveContactAsync(current.User.Id, id, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            Error = result.Error!.Message;
            return await PageAsync(current);
        }

        return RedirectToPage("/Security/Notifications", new { done = "contact-removed" });
    }

    public async Task<IActionResult> OnPostPreferencesAsync()
    {
        if (await EnterAsync(Operations.NotificationPreferencesChange, "change your alert preferences") is { } early)
        {
            return early;
        }

        var current = HttpContext.CurrentSession();
        var wanted = Enabled.ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var row in await settings.ListPreferencesAsync(current.User.Id, HttpContext.RequestAborted))
        {
            var view = PreferenceView.From(row);
            foreach (var (channel, on) in view.Channels)
            {
                var want = wanted.Contains(view.Type + "|" + channel);
                if (want == on)
                {
                    continue;
                }

                var set = await settings.SetPreferenceAsync(current.User.Id, view.Type, channel, want, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
                if (!set.IsSuccess)
                {
                    problems.Add($"{view.Title} by {channel}: {set.Error.Message}");
                }
            }
        }

        if (problems.Count > 0)
        {
            Error = "Some preferences were not changed (the others were saved): " + string.Join(" ", problems);
            return await PageAsync(current);
        }

        return RedirectToPage("/Security/Notifications", new { done = "preferences" });
    }

    public async Task<IActionResult> OnPostPhraseAsync()
    {
        if (await EnterAsync(Operations.AntiPhishingPhraseChange, "change your anti-phishing phrase") is { } early)
        {
            return early;
        }

        var current = HttpContext.CurrentSession();
        var result = await settings.SetPhraseAsync(current.User.Id, Phrase, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            FieldErrors["phrase"] = result.Error.Message + " Use 4 to 64 characters of ordinary text.";
            return await PageAsync(current);
        }

        return RedirectToPage("/Security/Notifications", new { done = "phrase-set" });
    }

    public async Task<IActionResult> OnPostClearPhraseAsync()
    {
        if (await EnterAsync(Operations.AntiPhishingPhraseChange, "remove your anti-phishing phrase") is { } early)
        {
            return early;
        }

        var current = HttpContext.CurrentSession();
        await settings.ClearPhraseAsync(current.User.Id, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        return RedirectToPage("/Security/Notifications", new { done = "phrase-cleared" });
    }

    public async Task<IActionResult> OnPostFrequencyAsync()
    {
        if (await EnterAsync(Operations.ActivityReportConfigure, "change the activity report") is { } early)
        {
            return early;
        }

        var current = HttpContext.CurrentSession();
        if (ReportPeriods.ParseFrequency(Frequency) is not { } frequency)
        {
            FieldErrors["frequency"] = "Choose off, daily or weekly.";
            return await PageAsync(current);
        }

        var result = await reports.SetFrequencyAsync(current.User.Id, frequency, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            Error = result.Error.Message;
            return await PageAsync(current);
        }

        return RedirectToPage("/Security/Notifications", new { done = "frequency" });
    }

    /// <summary>Signs in and asks the policy; a page or redirect to answer at once, or <c>null</c> to go on.</summary>
    private async Task<IActionResult?> EnterAsync(string operation, string what)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        HttpContext.Features.Set(current);
        Show(current);
        if (await RefusedToAsync(current, operation, what) is not { } refusal)
        {
            return null;
        }

        Error = refusal;
        return await PageAsync(current);
    }

    private async Task<IActionResult> PageAsync(SessionContext current)
    {
        await LoadAsync(current);
        return Page();
    }

    private async Task LoadAsync(SessionContext current)
    {
        var ct = HttpContext.RequestAborted;
        if (await RefusedAsync(current, Operations.NotificationSettingsRead) is { } refusal)
        {
            Error ??= refusal;
            return;
        }

        Contacts = (await settings.ListContactsAsync(current.User.Id, ct)).Select(ContactView.From).ToList();
        Preferences = (await settings.ListPreferencesAsync(current.User.Id, ct)).Select(PreferenceView.From).ToList();
        CurrentPhrase = await settings.GetPhraseAsync(current.User.Id, ct);
        Webhooks = (await webhooks.ListAsync(current.User.Id, ct)).Select(WebhookView.From).ToList();
        if (await RefusedAsync(current, Operations.ActivityReportRead) is null && (await reports.GetUserAsync(current.User.Id, ct)) is { IsSuccess: true } user)
        {
            CurrentFrequency = ReportPeriods.WireName(user.Value.ReportFrequency);
        }
    }

    private void Show(SessionContext current) => ShowSignedIn(current, "security", "notifications");
}
