using Portcullis.Core.Users;

namespace Portcullis.Core.Persistence;

public interface IUserStore
{
    void Add(User user);

    Task<User?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Finds a user by normalised username.</summary>
    Task<User?> FindByUsernameAsync(string normalizedUsername, CancellationToken cancellationToken);

    Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken);

    Task<bool> AnyOperatorAsync(CancellationToken cancellationToken);
}
