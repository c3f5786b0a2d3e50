using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Server.Api.Trading;
using Portcullis.Server.Auth;

namespace Portcullis.Server.Trading;

/// <summary>
/// Audits what a trading endpoint did in the ledger and, for money leaving or a new destination, alerts every member of
/// the account. The ledger is the record of the change itself; this runs after it has committed (the two are separate
/// stores), so a failure here answers 500 but leaves the ledger's change in place and the policy decision audited.
/// </summary>
public sealed class TradingAudit(IGateStore store, TimeProvider time)
{
    public async Task WriteAsync(HttpContext http, string type, Dictionary<string, object?> data, CancellationToken cancellationToken,
        string? notification = null, string? summary = null)
    {
        var account = http.CurrentAccount().Account;
        if (http.CurrentApiKey()?.SessionKeyId is { } sessionKeyId)
        {
            data["session_key_id"] = sessionKeyId; // the actor is the API key; this says which of its session keys signed
        }

        await using var unit = await store.OpenAsync(cancellationToken);
        unit.Audit.Append(new AuditRecord(type, "ok", http.CurrentActor(), Actors.Account(account.Id), http.ClientIp()?.ToString(), data));
        if (notification is not null)
        {
            var now = time.GetUtcNow();
            var notice = new Dictionary<string, object?>(data) { ["account_number"] = account.Number };
            foreach (var member in await unit.Accounts.ListMembersAsync(account.Id, cancellationToken))
            {
                Notify.Emit(unit, member.UserId, notification, NotificationCatalog.Describe(notification).Severity, summary ?? type, notice, now);
            }
        }

        await unit.CommitAsync(cancellationToken);
    }
}
