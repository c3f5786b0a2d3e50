using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Portcullis.Core.Configuration;

namespace Portcullis.Storage;

/// <summary>Checks the <c>Storage</c> section. Connection strings are never echoed: they may hold a password.</summary>
public sealed class StorageConfigurationCheck(IOptions<StorageOptions> options) : IConfigurationCheck
{
    public IEnumerable<string> Problems()
    {
        var o = options.Value;
        if (!o.IsSqlite && !o.IsPostgres)
        {
            yield return ConfigurationProblem.Format("Storage:Provider", "must be 'sqlite' or 'postgres'", o.Provider);
            yield break;
        }

        if (o.IsPostgres && string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            yield return ConfigurationProblem.Format("Storage:ConnectionString", "is required when Storage:Provider is 'postgres'", null);
        }

        if (string.IsNullOrWhiteSpace(o.DataDirectory))
        {
            yield return ConfigurationProblem.Format("Storage:DataDirectory", "must not be empty", o.DataDirectory);
        }

        string? problem = null;
        if (!string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            try
            {
                _ = o.IsSqlite ? new SqliteConnectionStringBuilder(o.ConnectionString) : (object)new NpgsqlConnectionStringBuilder(o.ConnectionString);
            }
            catch (ArgumentException ex)
            {
                problem = $"Storage:ConnectionString: is not a valid {o.Provider} connection string ({ex.GetType().Name}) (value: hidden)";
            }
        }

        if (problem is not null)
        {
            yield return problem;
        }
    }
}
