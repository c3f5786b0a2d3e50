using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portcullis.Storage.Sqlite;

/// <summary>
/// Per-connection SQLite settings: <c>synchronous=FULL</c> so a committed transaction (and the audit rows in
/// it) survives power loss before the response goes out, foreign keys enforced, and a busy timeout so that
/// a writer in another process (the admin CLI) is waited for inside SQLite rather than failed.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
