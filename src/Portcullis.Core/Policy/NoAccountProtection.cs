using Portcullis.Core.Persistence;

namespace Portcullis.Core.Policy;

/// <summary>
/// The protection source used until the protection store is registered: no freezes, no lock, no cool-down, no
/// trusted networks. Replaced by the protection service; never registered alongside it.
/// </summary>
internal sealed class NoAccountProtection : IAccountProtectionSource
{
    public Task<AccountProtection> LoadAsync(IGateUnit unit, Guid userId, CancellationToken cancellationToken) =>
        Task.FromResult(AccountProtection.None);
}
