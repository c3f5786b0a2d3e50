using System.Globalization;
using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Webhooks;
using Portcullis.Core.Policy;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Api.Notifications;

/// <summary>The in-app feed, notification addresses, preferences, the anti-phishing phrase and webhook endpoints.</summary>
public static class NotificationEndpoints
{
    public static void Map(RouteGroupBuilder authenticated)
    {
        MapFeed(authenticated);
        MapContacts(authenticated);
        MapPreferences(authenticated);
        MapPhrase(authenticated);
        MapWebhooks(authenticated);
    }

    private static void MapFeed(RouteGroupBuilder authenticated)
    {
        authenticated.MapGet("/me/notifications", async (string? unread, string? before, string? limit, HttpContext http,
                NotificationFeedService feed, CancellationToken cancellationToken) =>
            {
                var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                var unreadOnly = false;
                if (unread is not null && !TryParseFlag(unread, out unreadOnly))
                {
                    errors["unread"] = ["true or false."];
                }

                DateTimeOffset? cursor = null;
                if (before is not null)
                {
                    if (DateTimeOffset.TryParse(before, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                    {
                        cursor = parsed;
                    }
                    else
                    {
                        errors["before"] = ["An ISO 8601 time: the next_before of the previous page."];
                    }
                }

                var size = NotificationFeedService.DefaultLimit;
                if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size)
                    || size is < 1 or > NotificationFeedService.MaxLimit))
                {
                    errors["limit"] = [$"1–{NotificationFeedService.MaxLimit}."];
                }

                if (errors.Count > 0)
                {
                    return Problems.Invalid(errors);
                }

                var page = await feed.ListAsync(http.CurrentSession().User.Id, unreadOnly, cursor, size, cancellationToken);
                return TypedResults.Ok(new NotificationFeedResponse(page.Items.Select(NotificationView.From).ToList(), page.UnreadCount, page.NextBefore));
            })
            .WithName("ListNotifications")
            .RequireOperation(Operations.NotificationRead)
            .WithSummary("The in-app feed, newest first: every event of the user, with read marks; page with before=next_before")
            .Produces<NotificationFeedResponse>();

        authenticated.MapGet("/me/notifications/unread-count", async (HttpContext http, NotificationFeedService feed, CancellationToken cancellationToken) =>
                TypedResults.Ok(new { unread_count = await feed.CountUnreadAsync(http.CurrentSession().User.Id, cancellationToken) }))
            .WithName("CountUnreadNotifications")
            .RequireOperation(Operations.NotificationRead)
            .WithSummary("How many events of the feed are unread");

        authenticated.MapPost("/me/notifications/{id:guid}/read", async (Guid id, HttpContext http, NotificationFeedService feed,
                CancellationToken cancellationToken) =>
            {
                var result = await feed.MarkReadAsync(http.CurrentSession().User.Id, id, cancellationToken);
                return result.IsSuccess ? TypedResults.Ok(NotificationView.From(result.Value)) : Problems.From(result.Error);
            })
            .WithName("MarkNotificationRead")
            .RequireOperation(Operations.NotificationMarkRead)
            .WithSummary("Mark one event of the feed read")
            .Produces<NotificationView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        authenticated.MapPost("/me/notifications/read-all", async (HttpContext http, NotificationFeedService feed, CancellationToken cancellationToken) =>
                TypedResults.Ok(new { marked = await feed.MarkAllReadAsync(http.CurrentSession().User.Id, cancellationToken), unread_count = 0 }))
            .WithName("MarkAllNotificationsRead")
            .RequireOperation(Operations.NotificationMarkRead)
            .WithSummary("Mark every event of the feed read");
    }

    private static void MapContacts(RouteGroupBuilder authenticated)
    {
        authenticated.MapGet("/me/notification-contacts", async (HttpContext http, NotificationSettingsService settings,
                CancellationToken cancellationToken) =>
                TypedResults.Ok((await settings.ListContactsAsync(http.CurrentSession().User.Id, cancellationToken)).Select(ContactView.From).ToList()))
            .WithName("ListNotificationContacts")
            .RequireOperation(Operations.NotificationSettingsRead)
            .WithSummary("The addresses the user's alerts go to (email and phone numbers)");

        authenticated.MapPost("/me/notification-contacts", async (ContactBody? body, HttpContext http, NotificationSettingsService settings,
                CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors().Required("channel", body?.Channel).Required("address", body?.Address);
                if (errors.Any)
                {
                    return Problems.Invalid(errors.All);
                }

                var result = await settings.AddContactAsync(http.CurrentSession().User.Id, body!.Channel, body.Address, body.Label,
                    http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess
                    ? TypedResults.Created($"/api/v1/me/notification-contacts/{result.Value.Id}", ContactView.From(result.Value))
                    : Problems.From(result.Error);
            })
            .WithName("AddNotificationContact")
            .RequireHoldableOperation(Operations.NotificationContactAdd, HoldContact)
            .WithSummary("Add an email address or a phone number (E.164) for alerts; a security change, announced to the other addresses")
            .Accepts<ContactBody>("application/json")
            .Produces<ContactView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);

        authenticated.MapDelete("/me/notification-contacts/{id:guid}", async (Guid id, HttpContext http, NotificationSettingsService settings,
                CancellationToken cancellationToken) =>
            {
                var result = await settings.RemoveContactAsync(http.CurrentSession().User.Id, id, http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess ? Results.NoContent() : Problems.From(result.Error!);
            })
            .WithName("RemoveNotificationContact")
            .RequireOperation(Operations.NotificationContactRemove)
            .WithSummary("Remove an address (not the last one that receives security alerts)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>
    /// A held <c>notification_contact.add</c>: the address is normalised first, so the approver sees exactly the address
    /// that will be added, in full, and no free text of the requester's choosing.
    /// </summary>
    private static HoldPayload HoldContact(EndpointFilterInvocationContext context)
    {
        var body = context.Arguments.OfType<ContactBody>().FirstOrDefault();
        var errors = new FieldErrors().Required("channel", body?.Channel).Required("address", body?.Address);
        if (errors.Any)
        {
            return HoldPayload.Invalid(errors.All);
        }

        var channel = NotificationCatalog.ParseChannel(body!.Channel);
        if (channel is not (NotificationChannel.Email or NotificationChannel.Sms))
        {
            return HoldPayload.Invalid(errors.Add("channel", "email or sms.").All);
        }

        var (address, problem) = ContactAddresses.Normalize(channel.Value, body.Address);
        if (address is null)
        {
            return HoldPayload.Invalid(errors.Add("address", problem ?? "Invalid address.").All);
        }

        var wire = NotificationCatalog.WireName(channel.Value);
        return HoldPayload.Of(new { channel = wire, address, label = body.Label }, $"Add the alert address {address} ({wire}) to your account");
    }

    private static void MapPreferences(RouteGroupBuilder authenticated)
    {
        authenticated.MapGet("/me/notification-preferences", async (HttpContext http, NotificationSettingsService settings,
                CancellationToken cancellationToken) =>
                TypedResults.Ok((await settings.ListPreferencesAsync(http.CurrentSession().User.Id, cancellationToken)).Select(PreferenceView.From).ToList()))
            .WithName("ListNotificationPreferences")
            .RequireOperation(Operations.NotificationSettingsRead)
            .WithSummary("Every event type × email, sms, webhook: on or off, and whether it is locked (security-critical)");

        authenticated.MapPut("/me/notification-preferences", async (PreferenceBody? body, HttpContext http, NotificationSettingsService settings,
                CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors().Required("type", body?.Type).Required("channel", body?.Channel);
                if (body?.Enabled is null)
                {
                    errors.Required("enabled", null);
                }

                if (errors.Any)
                {
                    return Problems.Invalid(errors.All);
                }

                var result = await settings.SetPreferenceAsync(http.CurrentSession().User.Id, body!.Type, body.Channel, body.Enabled!.Value,
                    http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess ? TypedResults.Ok(PreferenceView.From(result.Value)) : Problems.From(result.Error);
            })
            .WithName("SetNotificationPreference")
            .RequireOperation(Operations.NotificationPreferencesChange)
            .WithSummary("Switch one channel on or off for one event type; security-critical types keep email or sms")
            .Accepts<PreferenceBody>("application/json")
            .Produces<PreferenceView>()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static void MapPhrase(RouteGroupBuilder authenticated)
    {
        authenticated.MapGet("/me/anti-phishing-phrase", async (HttpContext http, NotificationSettingsService settings, CancellationToken cancellationToken) =>
                TypedResults.Ok(new PhraseView(await settings.GetPhraseAsync(http.CurrentSession().User.Id, cancellationToken))))
            .WithName("GetAntiPhishingPhrase")
            .RequireOperation(Operations.NotificationSettingsRead)
            .WithSummary("The phrase printed in every email from the gate (null when none is set)");

        authenticated.MapPut("/me/anti-phishing-phrase", async (PhraseBody? body, HttpContext http, NotificationSettingsService settings,
                CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors().Required("phrase", body?.Phrase);
                if (errors.Any)
                {
                    return Problems.Invalid(errors.All);
                }

                var result = await settings.SetPhraseAsync(http.CurrentSession().User.Id, body!.Phrase, http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess ? TypedResults.Ok(new PhraseView(result.Value)) : Problems.From(result.Error);
            })
            .WithName("SetAntiPhishingPhrase")
            .RequireOperation(Operations.AntiPhishingPhraseChange)
            .WithSummary("Set the anti-phishing phrase: 4–64 characters (NFKC, trimmed), no control characters")
            .Accepts<PhraseBody>("application/json")
            .Produces<PhraseView>();

        authenticated.MapDelete("/me/anti-phishing-phrase", async (HttpContext http, NotificationSettingsService settings, CancellationToken cancellationToken) =>
            {
                await settings.ClearPhraseAsync(http.CurrentSession().User.Id, http.ClientIp()?.ToString(), cancellationToken);
                return Results.NoContent();
            })
            .WithName("ClearAntiPhishingPhrase")
            .RequireOperation(Operations.AntiPhishingPhraseChange)
            .WithSummary("Remove the anti-phishing phrase");
    }

    private static void MapWebhooks(RouteGroupBuilder authenticated)
    {
        authenticated.MapGet("/me/webhooks", async (HttpContext http, WebhookEndpointService webhooks, CancellationToken cancellationToken) =>
                TypedResults.Ok((await webhooks.ListAsync(http.CurrentSession().User.Id, cancellationToken)).Select(WebhookView.From).ToList()))
            .WithName("ListWebhooks")
            .RequireOperation(Operations.NotificationSettingsRead)
            .WithSummary("The user's webhook endpoints (never their secrets)");

        authenticated.MapPost("/me/webhooks", async (WebhookBody? body, HttpContext http, WebhookEndpointService webhooks,
                CancellationToken cancellationToken) =>
            {
                var errors = new FieldErrors().Required("url", body?.Url);
                if (errors.Any)
                {
                    return Problems.Invalid(errors.All);
                }

                var result = await webhooks.AddAsync(http.CurrentSession().User.Id, body!.Url, body.Description, body.EventTypes,
                    http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess
                    ? TypedResults.Created($"/api/v1/me/webhooks/{result.Value.Endpoint.Id}", Created(result.Value))
                    : Problems.From(result.Error);
            })
            .WithName("AddWebhook")
            .RequireOperation(Operations.WebhookAdd)
            .WithSummary("Add a webhook endpoint (Standard Webhooks); the signing secret is in this answer only")
            .Accepts<WebhookBody>("application/json")
            .Produces<WebhookCreatedResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);

        authenticated.MapPost("/me/webhooks/{id:guid}/rotate-secret", async (Guid id, HttpContext http, WebhookEndpointService webhooks,
                CancellationToken cancellationToken) =>
            {
                var result = await webhooks.RotateSecretAsync(http.CurrentSession().User.Id, id, http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess ? TypedResults.Ok(Created(result.Value)) : Problems.From(result.Error);
            })
            .WithName("RotateWebhookSecret")
            .RequireOperation(Operations.WebhookRotateSecret)
            .WithSummary("Give a webhook endpoint a new signing secret at once; the new secret is in this answer only")
            .Produces<WebhookCreatedResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        authenticated.MapDelete("/me/webhooks/{id:guid}", async (Guid id, HttpContext http, WebhookEndpointService webhooks,
                CancellationToken cancellationToken) =>
            {
                var result = await webhooks.RemoveAsync(http.CurrentSession().User.Id, id, http.ClientIp()?.ToString(), cancellationToken);
                return result.IsSuccess ? Results.NoContent() : Problems.From(result.Error!);
            })
            .WithName("RemoveWebhook")
            .RequireOperation(Operations.WebhookRemove)
            .WithSummary("Remove a webhook endpoint: nothing more is sent to it")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static WebhookCreatedResponse Created(WebhookCreated created) => new(WebhookView.From(created.Endpoint), created.Secret);

    private static bool TryParseFlag(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "1":
                value = true;
                return true;
            case "false" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
