namespace Portcullis.Core.Persistence;

/// <summary>
/// One unit of work. Entities it returns are tracked: change them and call <see cref="CommitAsync"/>,
/// which writes every change and every audit record appended with <see cref="IAuditLog.Append"/> in one
/// transaction, so that nothing is half-written and no change goes unaudited.
/// </summary>
public interface IGateUnit : IAsyncDisposable
{
    IUserStore Users { get; }

    IAccountStore Accounts { get; }

    IDeviceStore Devices { get; }

    ISessionStore Sessions { get; }

    IThrottleStore Throttle { get; }

    IAuditLog Audit { get; }

    IFactorStore Factors { get; }

    IFlowStore Flows { get; }

    IRecoveryCodeStore RecoveryCodes { get; }

    IPushChallengeStore PushChallenges { get; }

    IPendingChallengeStore PendingChallenges { get; }

    INotificationLog Notifications { get; }

    INotificationSettingsStore NotificationSettings { get; }

    IOutboxStore Outbox { get; }

    // Protection: freezes, settings lock, cool-downs, trusted networks
    IProtectionStore Protection { get; }
    IHeldOperationStore HeldOperations { get; }

    IOperationUsageStore OperationUsage { get; }

    IApiKeyStore ApiKeys { get; }

    INonceStore Nonces { get; }

    IApiSessionKeyStore SessionKeys { get; }

    /// <summary>API keys' usage log, counters and addresses.</summary>
    IApiKeyUsageStore ApiKeyUsage { get; }

    IFeedCursorStore FeedCursors { get; }

    /// <summary>
    /// Starts the write transaction now rather than at commit, for read-modify-write sections that must
    /// not interleave with other nodes (e.g. <see cref="IThrottleStore.LockAsync"/>).
    /// </summary>
    Task BeginAsync(CancellationToken cancellationToken);

    /// <summary>Writes all changes and chains all appended audit records, atomically.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
