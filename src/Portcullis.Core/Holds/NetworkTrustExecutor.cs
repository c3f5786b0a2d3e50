using System.Text.Json;
using Portcullis.Core.Persistence;
using Portcullis.Core.Policy;
using Portcullis.Core.Protection;
using Portcullis.Core.Results;

namespace Portcullis.Core.Holds;

/// <summary>
/// Runs an approved <c>network.trust</c> through <see cref="TrustedNetworkService"/> (which validates, audits and announces it
/// as usual). Payload: <c>{"cidr": "…", "label": "…"}</c>; result: <c>{"network_id": "…", "cidr": "…"}</c>.
/// </summary>
public sealed class NetworkTrustExecutor(TrustedNetworkService networks) : IHeldOperationExecutor
{
    public string Operation => Operations.NetworkTrust;

    public async Task<Result<string>> ExecuteAsync(IGateUnit unit, HeldOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var payload = HeldPayloads.Read(operation.PayloadJson);
        if (payload is null)
        {
            return HeldPayloads.Invalid();
        }

        var added = await networks.AddAsync(unit, operation.UserId, HeldPayloads.Text(payload.Value, "cidr"), HeldPayloads.Text(payload.Value, "label"),
            operation.SourceIp, cancellationToken);
        return added.IsSuccess
            ? JsonSerializer.Serialize(new Dictionary<string, object?> { ["network_id"] = added.Value.Id, ["cidr"] = added.Value.Cidr })
            : added.Error;
    }
}
