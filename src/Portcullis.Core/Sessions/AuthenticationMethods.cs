namespace Portcullis.Core.Sessions;

/// <summary>Stable names of authentication methods recorded on sessions (later issues add factors).</summary>
public static class AuthenticationMethods
{
    public const string Password = "password";
}
