using Microsoft.Extensions.Options;
using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;

namespace Portcullis.Core.Protection;

/// <summary>
/// The user's trusted networks (CIDR ranges, see <see cref="NetworkRanges"/>). Tier rules with
/// <c>trusted_network: true</c> then require the client address to lie in one of them.
/// </summary>
public sealed class TrustedNetworkService(IGateStore store, IOptions<ProtectionOptions> options, TimeProvider time)
{
    public async Task<IReadOnlyList<TrustedNetwork>> ListAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        return await unit.Protection.ListNetworksAsync(userId, cancellationToken);
    }

    public async Task<Result<TrustedNetwork>> AddAsync(Guid userId, string? cidr, string? label, string? ip, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken);
        var result = await AddAsync(unit, userId, cidr, label, ip, cancellationToken);
        if (result.IsSuccess)
        {
            await unit.CommitAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// Trusts a network inside <paramref name="unit"/> without committing it (a held operation's executor runs it in the
    /// unit that records the approval). A failure stages nothing.
    /// </summary>
    public async Task<Result<TrustedNetwork>> AddAsync(IGateUnit unit, Guid userId, string? cidr, string? label, string? ip,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var parsed = NetworkRanges.Parse(cidr);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var cleanLabel = Factors.FactorService.Clean(label);
        if (cleanLabel is null)
        {
            return ProtectionErrors.NetworkLabelInvalid();
        }

        var text = NetworkRanges.Format(parsed.Value);
        var existing = await unit.Protection.ListNetworksAsync(userId, cancellationToken);
        if (existing.Any(n => string.Equals(n.Cidr, text, StringComparison.Ordinal)))
        {
            return ProtectionErrors.NetworkExists();
        }

        var max = options.Value.MaxTrustedNetworks;
        if (existing.Count >= max)
        {
            return ProtectionErrors.NetworkLimit(max);
        }

        var now = time.GetUtcNow();
        var network = new TrustedNetwork { Id = Guid.CreateVersion7(now), UserId = userId, Cidr = text, Label = cleanLabel, CreatedAt = now };
        unit.Protection.AddNetwork(network);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.TrustedNetworkAdded, "ok", Actors.User(userId), Actors.User(userId), ip,
            new Dictionary<string, object?> { ["network_id"] = network.Id, ["cidr"] = text, ["label"] = cleanLabel }));
        Notify.Emit(unit, userId, NotificationTypes.TrustedNetworkAdded, NotificationSeverity.Critical,
            $"{text} ({cleanLabel}) was added to your trusted networks. If this wasn't you, freeze your account now.",
            new Dictionary<string, object?> { ["network_id"] = network.Id, ["cidr"] = text, ["ip"] = ip }, now);
        return network;
    }

    public async Task<Result> RemoveAsync(Guid userId, Guid networkId, string? ip, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken);
        var network = (await unit.Protection.ListNetworksAsync(userId, cancellationToken)).FirstOrDefault(n => n.Id == networkId);
        if (network is null)
        {
            return ProtectionErrors.NetworkNotFound();
        }

        unit.Protection.RemoveNetwork(network);
        var now = time.GetUtcNow();
        unit.Audit.Append(new AuditRecord(AuditEventTypes.TrustedNetworkRemoved, "ok", Actors.User(userId), Actors.User(userId), ip,
            new Dictionary<string, object?> { ["network_id"] = network.Id, ["cidr"] = network.Cidr }));
        Notify.Emit(unit, userId, NotificationTypes.TrustedNetworkRemoved, NotificationSeverity.Critical,
            $"{network.Cidr} ({network.Label}) was removed from your trusted networks. If this wasn't you, freeze your account now.",
            new Dictionary<string, object?> { ["network_id"] = network.Id, ["cidr"] = network.Cidr, ["ip"] = ip }, now);
        await unit.CommitAsync(cancellationToken);
        return Result.Success();
    }
}
