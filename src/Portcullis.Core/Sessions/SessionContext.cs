using Portcullis.Core.Users;

namespace Portcullis.Core.Sessions;

/// <summary>The authenticated session of a request and its user.</summary>
public sealed record SessionContext(Session Session, User User);
