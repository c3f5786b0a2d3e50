using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Portcullis.Storage.Sqlite;

/// <summary>
/// Per-connection SQLite settings: <c>synchronous=FULL</c> so a committed transaction (and the audit rows in
/// it) survives power loss before the response goes out — or, with group commit, <c>synchronous=NORMAL</c> and a
/// shared flush of the log after the commit (<see cref="SqliteGroupCommit"/>) —, foreign keys enforced, and a busy timeout so that
/// a writer in another process (the admin CLI) is waited for inside SQLite rather than failed. The settings
/// belong to the physical connection, which Microsoft.Data.Sqlite pools: they are applied once per physical
/// connection, not on every logical open.
/// </summary>
internal sealed class SqlitePragmaInterceptor(bool groupCommit) : DbConnectionInterceptor
{
    private readonly string _pragmas =
        $"PRAGMA synchronous={(groupCommit ? "NORMAL" : "FULL")}; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";

    private static readonly ConditionalWeakTable<sqlite3, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsPragmas(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (NeedsPragmas(connection))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = _pragmas;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private static bool NeedsPragmas(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || Configured.TryAdd(handle, handle);
}
