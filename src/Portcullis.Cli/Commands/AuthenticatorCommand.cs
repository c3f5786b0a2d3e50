using System.CommandLine;

namespace Portcullis.Cli.Commands;

/// <summary><c>portcullis authenticator</c>: this machine as an authenticator device (enrol, wait for pushes, offline codes).</summary>
internal static class AuthenticatorCommand
{
    public static Command Create(GlobalOptions global, CliConsole console)
    {
        _ = global;
        _ = console;
        return new Command("authenticator", "Act as an authenticator device: enrol with a code, approve sign-ins with number matching, show offline codes");
    }
}
