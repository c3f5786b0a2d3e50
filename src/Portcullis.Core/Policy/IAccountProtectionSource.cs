using Portcullis.Core.Persistence;

namespace Portcullis.Core.Policy;

/// <summary>Reads an account's protective state (freezes, settings lock, cool-down, trusted networks) as of now.</summary>
public interface IAccountProtectionSource
{
    Task<AccountProtection> LoadAsync(IGateUnit unit, Guid userId, CancellationToken cancellationToken);
}
