using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Delivery;
using Portcullis.Core.Persistence;
using Portcullis.Core.Secrets;

namespace Portcullis.Server.Notifications;

/// <summary>
/// Works through the outbox: fans new events out into deliveries, then sends due deliveries with retries and
/// exponential backoff, marking each delivered or dead-lettered. See <c>docs/notifications.md</c>.
/// </summary>
/// <remarks>
/// Guarantees: an event committed with its change is fanned out exactly once (a conditional update claims it, in
/// the same transaction as its deliveries); a delivery is sent until the channel accepts it or it is dead-lettered,
/// and is held by one dispatcher at a time (a lease). A crash after the channel accepted a message and before the
/// result was recorded sends it again when the lease runs out, with the same idempotency id (email
/// <c>Message-ID</c>, <c>webhook-id</c>): at-least-once on the wire, exactly-once for a receiver that de-duplicates.
/// </remarks>
public sealed partial class NotificationDispatcher(
    IGateStore store,
    NotificationFanOut fanOut,
    IEnumerable<INotificationSender> senders,
    OutboxSignal signal,
    PublicAddress publicAddress,
    ISecretProtector protector,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    private const int Parallelism = 4;
    private readonly DispatcherOptions _options = options.Value.Dispatcher;
    private readonly Dictionary<NotificationChannel, INotificationSender> _senders = senders.ToDictionary(s => s.Channel);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOnceAsync(stoppingToken) is var (fanned, attempted) && (fanned == _options.BatchSize || attempted == _options.BatchSize))
                {
                    // A full batch: there may be more waiting.
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database went away or similar: nothing is lost (the outbox keeps everything); try again later.
                LogRoundFailed(logger, ex.GetType().Name, ex.Message);
            }

            try
            {
                await signal.WaitAsync(_options.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One round: fan out up to a batch of events, then attempt up to a batch of due deliveries.</summary>
    public async Task<(int FannedOut, int Attempted)> RunOnceAsync(CancellationToken cancellationToken)
    {
        var fanned = await FanOutAsync(cancellationToken);
        var leased = await LeaseDueAsync(cancellationToken);
        await Parallel.ForEachAsync(leased, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (id, ct) => await AttemptAsync(id, ct));
        return (fanned, leased.Count);
    }

    private async Task<int> FanOutAsync(CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var events = await unit.Outbox.ListUnfannedAsync(_options.BatchSize, cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }

        await unit.BeginAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var notification in events)
        {
            await fanOut.FanOutAsync(unit, notification, now, cancellationToken);
        }

        await unit.CommitAsync(cancellationToken);
        return events.Count;
    }

    private async Task<List<Guid>> LeaseDueAsync(CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var now = time.GetUtcNow();
        var due = await unit.Outbox.ListDueAsync(now, _options.BatchSize, cancellationToken);
        if (due.Count == 0)
        {
            return [];
        }

        await unit.BeginAsync(cancellationToken);
        var leased = new List<Guid>(due.Count);
        foreach (var id in due)
        {
            if (await unit.Outbox.TryLeaseAsync(id, now, now + _options.Lease, cancellationToken))
            {
                leased.Add(id);
            }
        }

        await unit.CommitAsync(cancellationToken);
        return leased;
    }

    private async Task AttemptAsync(Guid id, CancellationToken cancellationToken)
    {
        var outgoing = await LoadAsync(id, cancellationToken);
        DeliveryOutcome outcome;
        if (outgoing.Outcome is { } early)
        {
            outcome = early;
        }
        else if (!_senders.TryGetValue(outgoing.Notification!.Delivery.Channel, out var sender))
        {
            outcome = DeliveryOutcome.GiveUp("channel.unavailable");
        }
        else
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.SendTimeout);
            try
            {
                outcome = await sender.SendAsync(outgoing.Notification, timeout.Token);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down: let another round (or node) have it at once.
                await ReleaseAsync(id);
                throw;
            }
            catch (OperationCanceledException)
            {
                outcome = DeliveryOutcome.Retry("timeout");
            }
            catch (Exception ex)
            {
                // Senders report delivery problems as outcomes; an exception is a bug, recorded and retried.
                LogSenderFailed(logger, ex, id);
                outcome = DeliveryOutcome.Retry("sender.error: " + ex.GetType().Name);
            }
        }

        await RecordAsync(id, outgoing.Notification?.Event.Type, outcome, cancellationToken);
    }

    private async Task<(OutgoingNotification? Notification, DeliveryOutcome? Outcome)> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var delivery = await unit.Outbox.FindAsync(id, cancellationToken);
        var notification = delivery is null ? null : await unit.Outbox.FindEventAsync(delivery.EventId, cancellationToken);
        var user = notification is null ? null : await unit.Users.FindAsync(notification.UserId, cancellationToken);
        if (delivery is null || notification is null || user is null)
        {
            return (null, DeliveryOutcome.GiveUp("event.missing"));
        }

        var kind = NotificationCatalog.Describe(notification.Type);
        NotificationContact? contact = null;
        WebhookEndpoint? webhook = null;
        if (delivery.Channel == NotificationChannel.Webhook)
        {
            webhook = await unit.NotificationSettings.FindWebhookAsync(null, delivery.TargetId, cancellationToken);
            if (webhook is null || webhook.DisabledAt is not null)
            {
                return (null, DeliveryOutcome.GiveUp("webhook.removed"));
            }
        }
        else
        {
            contact = await unit.NotificationSettings.FindContactAsync(user.Id, delivery.TargetId, cancellationToken);
            if (contact is null)
            {
                return (null, DeliveryOutcome.GiveUp("contact.removed"));
            }
        }

        Uri? freezeUrl = null;
        if (delivery.Channel == NotificationChannel.Email && kind.OffersFreezeLink && publicAddress.Get() is { } baseUrl
            && await unit.NotificationSettings.FindFreezeLinkForEventAsync(notification.Id, cancellationToken) is { } link)
        {
            freezeUrl = FreezeLinks.Url(link, protector, baseUrl);
        }

        return (new OutgoingNotification(delivery, notification, kind, user, contact, webhook, freezeUrl), null);
    }

    private async Task RecordAsync(Guid id, string? type, DeliveryOutcome outcome, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken);
        var delivery = await unit.Outbox.FindAsync(id, cancellationToken);
        if (delivery is null || delivery.State != DeliveryState.Pending)
        {
            await unit.CommitAsync(cancellationToken);
            return;
        }

        var now = time.GetUtcNow();
        delivery.Attempts++;
        delivery.LeaseUntil = null;
        if (outcome.Delivered)
        {
            delivery.State = DeliveryState.Delivered;
            delivery.DeliveredAt = now;
            delivery.LastError = null;
            LogDelivered(logger, delivery.Channel, delivery.Id, type, delivery.Attempts);
        }
        else if (outcome.Permanent || delivery.Attempts >= _options.MaxAttempts)
        {
            delivery.State = DeliveryState.Dead;
            delivery.DeadAt = now;
            delivery.LastError = outcome.Error;
            unit.Audit.Append(new AuditRecord(AuditEventTypes.NotificationDeadLettered, outcome.Permanent ? "permanent" : "attempts_exhausted",
                Actors.System, Actors.User(delivery.UserId), null, new Dictionary<string, object?>
                {
                    ["delivery_id"] = delivery.Id,
                    ["event_id"] = delivery.EventId,
                    ["type"] = type,
                    ["channel"] = NotificationCatalog.WireName(delivery.Channel),
                    ["attempts"] = delivery.Attempts,
                    ["error"] = outcome.Error,
                }));
            LogDead(logger, delivery.Channel, delivery.Id, type, delivery.Attempts, outcome.Error);
        }
        else
        {
            var wait = RetrySchedule.Delay(delivery.Attempts, _options.BaseDelay, _options.MaxDelay, RandomNumberGenerator.GetInt32(1_000_000) / 1_000_000d);
            delivery.NextAttemptAt = now + wait;
            delivery.LastError = outcome.Error;
            LogRetry(logger, delivery.Channel, delivery.Id, type, delivery.Attempts, outcome.Error, wait);
        }

        await unit.CommitAsync(cancellationToken);
    }

    private async Task ReleaseAsync(Guid id)
    {
        await using var unit = await store.OpenAsync(CancellationToken.None);
        if (await unit.Outbox.FindAsync(id, CancellationToken.None) is { State: DeliveryState.Pending } delivery)
        {
            delivery.LeaseUntil = null;
            await unit.CommitAsync(CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification dispatcher disabled (Notifications:Dispatcher:Enabled=false): events wait in the outbox")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification dispatcher round failed ({ErrorType}: {Error}); retrying")]
    private static partial void LogRoundFailed(ILogger logger, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification sender threw for delivery {DeliveryId}")]
    private static partial void LogSenderFailed(ILogger logger, Exception exception, Guid deliveryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered {Channel} notification {DeliveryId} ({Type}) after {Attempts} attempt(s)")]
    private static partial void LogDelivered(ILogger logger, NotificationChannel channel, Guid deliveryId, string? type, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} notification {DeliveryId} ({Type}) failed attempt {Attempts}: {Error}; next in {Wait}")]
    private static partial void LogRetry(ILogger logger, NotificationChannel channel, Guid deliveryId, string? type, int attempts, string? error, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Channel} notification {DeliveryId} ({Type}) dead-lettered after {Attempts} attempt(s): {Error}")]
    private static partial void LogDead(ILogger logger, NotificationChannel channel, Guid deliveryId, string? type, int attempts, string? error);
}
