using System.Text.Json;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Policy;
using Portcullis.Core.Results;

namespace Portcullis.Core.Holds;

/// <summary>
/// Runs an approved <c>notification_contact.add</c> through <see cref="NotificationSettingsService"/> (which validates,
/// audits and announces it as usual). Payload: <c>{"channel": "email"|"sms", "address": "…", "label": "…"|null}</c>;
/// result: <c>{"contact_id": "…"}</c>.
/// </summary>
public sealed class NotificationContactAddExecutor(NotificationSettingsService settings) : IHeldOperationExecutor
{
    public string Operation => Operations.NotificationContactAdd;

    public async Task<Result<string>> ExecuteAsync(IGateUnit unit, HeldOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var payload = HeldPayloads.Read(operation.PayloadJson);
        if (payload is null)
        {
            return HeldPayloads.Invalid();
        }

        var added = await settings.AddContactAsync(unit, operation.UserId, HeldPayloads.Text(payload.Value, "channel"),
            HeldPayloads.Text(payload.Value, "address"), HeldPayloads.Text(payload.Value, "label"), operation.SourceIp, cancellationToken);
        return added.IsSuccess
            ? JsonSerializer.Serialize(new Dictionary<string, object?> { ["contact_id"] = added.Value.Id })
            : added.Error;
    }
}
