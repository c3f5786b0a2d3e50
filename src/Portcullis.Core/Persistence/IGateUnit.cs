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

    /// <summary>
    /// Whether a transaction is open (<see cref="BeginAsync"/>, or a commit in progress): what this unit reads may then be its
    /// own uncommitted writes.
    /// </summary>
    bool InTransaction { get; }

    /// <summary>Writes all changes and chains all appended audit records, atomically, and durably before it returns.</summary>
    Task CommitAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Commits as <see cref="CommitAsync"/> does, visible to every other unit at once, but leaves its durability to this
    /// unit's next <see cref="CommitAsync"/>: a commit makes every commit before it durable too (SQLite's log and
    /// PostgreSQL's WAL are flushed in order), and the SQLite store's disposal of a unit waits for the flush as well. For
    /// a step that other requests must see at once but that the caller reports nothing about before it commits again,
    /// such as the throttle charge before a password hash.
    /// </summary>
    Task CommitVisibleAsync(CancellationToken cancellationToken);
}
