using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portcullis.Core.Notifications.Delivery;
using Portcullis.Core.Persistence;
using Portcullis.Storage.Postgres;
using Portcullis.Storage.Sqlite;

namespace Portcullis.Storage.Stores;

/// <summary>
/// A unit of work over one <see cref="GateDbContext"/>. <see cref="CommitAsync"/> opens (or continues) a
/// transaction, locks the audit head, chains the staged audit records, saves, and commits: the change and
/// its audit rows become durable together, before the caller answers. What every sign-in writes (throttle counters,
/// the audit chain, a device's last use, the new session) is hand-written SQL (<see cref="RawSql"/>); the rest is
/// EF Core's <c>SaveChanges</c>, skipped when nothing it tracks changed.
/// </summary>
internal sealed class EfGateUnit : IGateUnit
{
    private readonly GateDbContext _db;
    private readonly TimeProvider _time;
    private readonly EfAuditLog _audit;
    private readonly EfThrottleStore _throttle;
    private readonly EfSessionStore _sessions;
    private readonly EfDeviceStore _devices;
    private readonly SqliteWriteLock? _writeLock;
    private readonly SqliteGroupCommit? _groupCommit;
    private long _changesFlushed;
    private IDbContextTransaction? _transaction;
    private bool _holdsWriteLock;

    private readonly OutboxSignal? _outbox;
    private readonly EfNotificationLog _notifications;

    public EfGateUnit(GateDbContext db, TimeProvider time, SqliteWriteLock? writeLock, SqliteGroupCommit? groupCommit, OutboxSignal? outbox)
    {
        _groupCommit = groupCommit;
        _outbox = outbox;
        _db = db;
        _time = time;
        _writeLock = writeLock;
        _changesFlushed = ChangesOnConnection();
        _audit = new EfAuditLog(db);
        Users = new EfUserStore(db);
        Accounts = new EfAccountStore(db);
        _devices = new EfDeviceStore(db);
        _sessions = new EfSessionStore(db);
        _throttle = new EfThrottleStore(db, this);
        Factors = new EfFactorStore(db);
        Flows = new EfFlowStore(db);
        RecoveryCodes = new EfRecoveryCodeStore(db);
        PushChallenges = new EfPushChallengeStore(db);
        PendingChallenges = new EfPendingChallengeStore(db);
        _notifications = new EfNotificationLog(db);
        NotificationSettings = new EfNotificationSettingsStore(db);
        Outbox = new EfOutboxStore(db);
        Protection = new EfProtectionStore(db);
        HeldOperations = new EfHeldOperationStore(db, this);
        OperationUsage = new EfOperationUsageStore(db);
        ApiKeys = new EfApiKeyStore(db);
        Nonces = new EfNonceStore(db);
        SessionKeys = new EfApiSessionKeyStore(db);
        ApiKeyUsage = new EfApiKeyUsageStore(db);
        FeedCursors = new EfFeedCursorStore(db, this);
    }

    public IUserStore Users { get; }

    public IAccountStore Accounts { get; }

    public IDeviceStore Devices => _devices;

    public ISessionStore Sessions => _sessions;

    public IThrottleStore Throttle => _throttle;

    public IAuditLog Audit => _audit;

    public IFactorStore Factors { get; }

    public IFlowStore Flows { get; }

    public IRecoveryCodeStore RecoveryCodes { get; }

    public IPushChallengeStore PushChallenges { get; }

    public IPendingChallengeStore PendingChallenges { get; }

    public INotificationLog Notifications => _notifications;

    public INotificationSettingsStore NotificationSettings { get; }

    public IOutboxStore Outbox { get; }

    public IProtectionStore Protection { get; }
    public IHeldOperationStore HeldOperations { get; }

    public IOperationUsageStore OperationUsage { get; }

    public IApiKeyStore ApiKeys { get; }

    public INonceStore Nonces { get; }

    public IApiSessionKeyStore SessionKeys { get; }

    public IApiKeyUsageStore ApiKeyUsage { get; }

    public IFeedCursorStore FeedCursors { get; }

    public bool InTransaction => _transaction is not null;

    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        if (_transaction is not null)
        {
            return;
        }

        if (_writeLock is not null && !_holdsWriteLock)
        {
            await _writeLock.WaitAsync(cancellationToken);
            _holdsWriteLock = true;
        }

        try
        {
            _transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
        }
        catch
        {
            ReleaseWriteLock();
            throw;
        }
    }

    public Task CommitAsync(CancellationToken cancellationToken) => CommitUnitAsync(durableNow: true, cancellationToken);

    public Task CommitVisibleAsync(CancellationToken cancellationToken) => CommitUnitAsync(durableNow: false, cancellationToken);

    private async Task CommitUnitAsync(bool durableNow, CancellationToken cancellationToken)
    {
        if (_audit.Pending.Count == 0 && !_throttle.HasChanges && !_sessions.HasAdded && !_devices.HasTouched
            && !_db.ChangeTracker.HasChanges() && _transaction is null)
        {
            if (durableNow)
            {
                await FlushIfWrittenAsync(); // statements that committed on their own (upserts outside a transaction)
            }

            return;
        }

        await BeginAsync(cancellationToken);
        await _throttle.SaveChangedAsync(cancellationToken);
        await _audit.ChainPendingAsync(_time.GetUtcNow(), cancellationToken);
        // The outbox is woken only once what it is to deliver is durable: after a visible commit, by the unit's next commit
        // (or, if none follows, by its next poll).
        var notifies = durableNow && _notifications.Emitted;
        if (notifies)
        {
            _notifications.Emitted = false;
        }

        await _devices.SaveTouchedAsync(cancellationToken);
        if (_db.ChangeTracker.HasChanges())
        {
            await _db.SaveChangesAsync(cancellationToken);
        }

        await _sessions.InsertAddedAsync(cancellationToken); // after SaveChanges: a session's device may be new in this unit
        try
        {
            if (!durableNow && _db is PostgresGateDbContext)
            {
                // This transaction only: the server answers the commit without waiting for the WAL flush; the unit's
                // next synchronous commit flushes the WAL past this one. (SQLite with group commit: the flush is skipped
                // below, and the next commit's or the disposal's takes it along; without group commit, every commit is
                // flushed inside SQLite.)
                await using var relaxed = RawSql.Command(_db, "SET LOCAL synchronous_commit = off");
                await relaxed.ExecuteNonQueryAsync(cancellationToken);
            }

            await _transaction!.CommitAsync(cancellationToken);
        }
        finally
        {
            await _transaction!.DisposeAsync();
            _transaction = null;
            ReleaseWriteLock();
        }

        if (durableNow)
        {
            await FlushIfWrittenAsync();
        }

        if (notifies)
        {
            _outbox?.Signal();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }

        ReleaseWriteLock();
        try
        {
            await FlushIfWrittenAsync();
        }
        finally
        {
            await _db.DisposeAsync();
        }
    }

    /// <summary>
    /// With group commit, waits until the log is flushed when this unit's connection wrote anything since the last flush
    /// (its commit, or a statement that committed on its own), so whatever the caller is about to report is durable.
    /// </summary>
    private async Task FlushIfWrittenAsync()
    {
        if (_groupCommit is null)
        {
            return;
        }

        var changes = ChangesOnConnection();
        if (changes == _changesFlushed)
        {
            return;
        }

        _changesFlushed = changes;
        await _groupCommit.FlushAsync();
    }

    /// <summary>Rows this SQLite connection has inserted, updated or deleted since it was opened (<c>sqlite3_total_changes</c>).</summary>
    private long ChangesOnConnection() =>
        _groupCommit is not null && _db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle }
            ? SQLitePCL.raw.sqlite3_total_changes(handle)
            : 0;

    private void ReleaseWriteLock()
    {
        if (_holdsWriteLock)
        {
            _holdsWriteLock = false;
            _writeLock!.Release();
        }
    }
}
