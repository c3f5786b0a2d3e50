using Portcullis.Core.Factors;
using Portcullis.Core.Factors.Push;
using Portcullis.Core.Persistence;

namespace Portcullis.Core.Holds;

/// <summary>A held operation's push challenges: who can approve it, and withdrawing the rest once it is decided.</summary>
internal static class HeldOperationChallenges
{
    /// <summary>Marks the operation's other challenges cancelled, so no device shows them any more.</summary>
    public static async Task WithdrawAsync(IGateUnit unit, HeldOperation held, Guid? answered, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var challenge in await unit.PushChallenges.ListPendingForUserAsync(held.UserId, held.CreatedAt, cancellationToken))
        {
            if (challenge.HeldOperationId == held.Id && challenge.Id != answered)
            {
                challenge.Status = PushChallengeStatus.Cancelled;
                challenge.AnsweredAt = now;
            }
        }
    }

    /// <summary>The user's active push factors on active devices.</summary>
    public static async Task<IReadOnlyList<(Factor Factor, Devices.Device Device)>> ApproversAsync(IGateUnit unit, Guid userId,
        CancellationToken cancellationToken)
    {
        var approvers = new List<(Factor, Devices.Device)>();
        foreach (var factor in await unit.Factors.ListForUserAsync(userId, cancellationToken))
        {
            if (factor is { Kind: FactorKind.Push, IsActive: true, DeviceId: { } deviceId } &&
                await unit.Devices.FindAsync(deviceId, cancellationToken) is { IsActive: true } device)
            {
                approvers.Add((factor, device));
            }
        }

        return approvers;
    }
}
