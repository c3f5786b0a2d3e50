namespace Portcullis.Core.Sessions;

/// <summary>How the session token travels.</summary>
public enum SessionClient
{
    /// <summary>A <c>__Host-</c> cookie (HttpOnly, Secure, SameSite=Strict); the token never reaches script.</summary>
    Browser = 0,

    /// <summary>A bearer token in the Authorization header.</summary>
    Native = 1,
}
