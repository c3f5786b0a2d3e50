using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Portcullis.Storage;

/// <summary>
/// Hand-written statements on a unit's own connection and transaction, for the few writes every sign-in and
/// every signed request makes (throttle counters, the audit chain): EF Core's cost per statement (tracking, its
/// query pipeline, <c>SaveChanges</c>) is several times that of the statement itself there. The SQL is the
/// same on both providers; timestamps go through <see cref="GateDbContext.AddTime"/> and
/// <see cref="GateDbContext.ReadTime"/>, which store them as each provider's EF model does.
/// </summary>
internal static class RawSql
{
    /// <summary>A command on the context's open connection, enlisted in its transaction if one is running.</summary>
    public static DbCommand Command(GateDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    /// <summary>Adds a named parameter (<c>@name</c> in the SQL); <c>null</c> becomes SQL NULL.</summary>
    public static DbCommand With(this DbCommand command, string name, object? value, DbType? type = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (type is { } dbType)
        {
            parameter.DbType = dbType;
        }

        command.Parameters.Add(parameter);
        return command;
    }
}
