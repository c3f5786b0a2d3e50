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

    /// <summary>
    /// Records that the user's activity report up to <paramref name="end"/> is sent, if no report has covered it yet,
    /// atomically (a conditional update): of two nodes reporting the same period, exactly one gets true.
    /// </summary>
    Task<bool> TryClaimReportAsync(Guid userId, DateTimeOffset end, CancellationToken cancellationToken);
}
