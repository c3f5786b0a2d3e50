namespace Portcullis.Cli;

/// <summary>Exit codes of the <c>portcullis</c> command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The operation failed (e.g. the audit chain is broken, the user exists).</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments or bad configuration.</summary>
    public const int Usage = 2;
}
