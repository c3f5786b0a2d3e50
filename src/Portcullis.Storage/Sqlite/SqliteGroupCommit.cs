namespace Portcullis.Storage.Sqlite;

/// <summary>
/// Group commit for SQLite (docs/configuration.md, <c>Storage:GroupCommit</c>). With <c>synchronous=FULL</c> every commit pays an fsync of the write-ahead log
/// while it holds the database's only write lock, so writers queue behind each other's disk flushes. Instead, connections
/// commit with <c>synchronous=NORMAL</c> (the transaction's frames are written to the log, not yet flushed), release the
/// write lock, and then wait here until one fsync of the log that began after their commit has finished: one flush makes
/// every transaction committed before it durable, so concurrent writers share it. <see cref="EfGateStore"/> returns from a
/// commit only after this wait, so a committed unit is still durable before the response that describes it is sent.
/// </summary>
/// <remarks>
/// Safe because SQLite writes a transaction's frames (with their checksums and the commit frame) into the log before the
/// commit returns, and recovery replays the log up to the last valid commit frame; under <c>NORMAL</c> a checkpoint still
/// flushes the log before copying it and the database after. A log that no longer exists was checkpointed and removed
/// with its last connection, which flushed the database first: there is nothing left to flush.
/// </remarks>
public sealed class SqliteGroupCommit
{
    private readonly string _logFile;
    private readonly Action<string> _flushLog;
    private readonly Lock _lock = new();
    private TaskCompletionSource? _next;
    private bool _flushing;
    private long _flushes;

    public SqliteGroupCommit(string databaseFile)
        : this(databaseFile, FlushLog)
    {
    }

    /// <summary>With another way to flush the log file (tests hold a flush open with it).</summary>
    public SqliteGroupCommit(string databaseFile, Action<string> flushLog)
    {
        ArgumentException.ThrowIfNullOrEmpty(databaseFile);
        ArgumentNullException.ThrowIfNull(flushLog);
        _logFile = Path.GetFullPath(databaseFile) + "-wal";
        _flushLog = flushLog;
    }

    /// <summary>How many flushes of the log have run (each covers every commit that waited for it).</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    /// <summary>Completes once a flush of the log that began after this call has finished.</summary>
    public Task FlushAsync()
    {
        TaskCompletionSource waiter;
        lock (_lock)
        {
            waiter = _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_flushing)
            {
                return waiter.Task; // joins the flush after the one running now
            }

            _flushing = true;
        }

        _ = Task.Run(FlushWhileWaited);
        return waiter.Task;
    }

    private void FlushWhileWaited()
    {
        while (true)
        {
            TaskCompletionSource batch;
            lock (_lock)
            {
                if (_next is null)
                {
                    _flushing = false;
                    return;
                }

                batch = _next;
                _next = null;
            }

            try
            {
                _flushLog(_logFile);
                Interlocked.Increment(ref _flushes);
                batch.SetResult();
            }
            catch (Exception ex)
            {
                batch.SetException(ex); // every waiting commit fails loudly: its response must not claim durability
            }
        }
    }

    private static void FlushLog(string logFile)
    {
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(logFile, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return; // checkpointed into the (flushed) database and removed with its last connection
        }

        using (handle)
        {
            RandomAccess.FlushToDisk(handle);
        }
    }
}
