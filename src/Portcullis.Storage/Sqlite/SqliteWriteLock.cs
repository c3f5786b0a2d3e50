namespace Portcullis.Storage.Sqlite;

/// <summary>
/// SQLite admits one writer at a time. Left to itself, a second <c>BEGIN IMMEDIATE</c> gets SQLITE_BUSY and
/// Microsoft.Data.Sqlite retries it after 150 ms sleeps, which stalls concurrent sign-ins. Write
/// transactions of this process therefore queue here first (FIFO, asynchronously) and find the database
/// free; <c>busy_timeout</c> still covers writers in other processes, such as the admin CLI.
/// </summary>
internal sealed class SqliteWriteLock : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public Task WaitAsync(CancellationToken cancellationToken) => _semaphore.WaitAsync(cancellationToken);

    public void Release() => _semaphore.Release();

    public void Dispose() => _semaphore.Dispose();
}
