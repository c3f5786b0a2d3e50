using Portcullis.Core.Persistence;
using Portcullis.Core.Users;

namespace Portcullis.Core.Policy;

/// <summary>Reads an account's protective state (freezes, settings lock, cool-down, trusted networks) as of now.</summary>
public interface IAccountProtectionSource
{
    /// <summary>The protection of <paramref name="user"/>'s account now; the user as read for this request.</summary>
    Task<AccountProtection> LoadAsync(IGateUnit unit, User user, CancellationToken cancellationToken);
}
