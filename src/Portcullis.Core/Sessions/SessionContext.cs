using Portcullis.Core.Users;

namespace Portcullis.Core.Sessions;

/// <summary>The authenticated session of a request and its user.</summary>
public sealed record SessionContext(Session Session, User User)
{
    /// <summary>
    /// The session's last recorded activity before this request (this request may have moved it to now): what
    /// a policy tier's idle limit is measured against.
    /// </summary>
    public DateTimeOffset? PreviousActivityAt { get; init; }
}
