using Portcullis.Core.Factors.RecoveryCodes;

namespace Portcullis.Core.Persistence;

public interface IRecoveryCodeStore
{
    void Add(RecoveryCode code);

    /// <summary>The user's codes neither used nor invalidated.</summary>
    Task<IReadOnlyList<RecoveryCode>> ListUnusedAsync(Guid userId, CancellationToken cancellationToken);
}
