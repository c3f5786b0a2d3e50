namespace Portcullis.Core.Audit;

/// <summary>How actors and subjects are written in the audit log.</summary>
public static class Actors
{
    public const string Anonymous = "anonymous";
    public const string System = "system";
    public const string Cli = "cli";

    public static string User(Guid id) => $"user:{id}";

    public static string Session(Guid id) => $"session:{id}";

    public static string Account(Guid id) => $"account:{id}";

    public static string Device(Guid id) => $"device:{id}";

    public static string Flow(Guid id) => $"flow:{id}";

    public static string Factor(Guid id) => $"factor:{id}";

    /// <summary>An API key, by its public key id (<c>pk_…</c>).</summary>
    public static string ApiKey(string keyId) => $"apikey:{keyId}";
}
