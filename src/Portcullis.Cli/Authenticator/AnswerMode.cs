namespace Portcullis.Cli.Authenticator;

internal enum AnswerMode
{
    /// <summary>Show each request and read the number (or "deny") from standard input.</summary>
    Interactive = 0,

    /// <summary>Approve every request with the number given on the command line (scripts, tests).</summary>
    ApproveNumber = 1,

    /// <summary>Deny every request ("this wasn't me").</summary>
    Deny = 2,
}
