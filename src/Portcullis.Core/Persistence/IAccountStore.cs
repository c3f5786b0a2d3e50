using Portcullis.Core.Accounts;

namespace Portcullis.Core.Persistence;

public interface IAccountStore
{
    void Add(Account account);

    void AddMember(AccountMember member);

    Task<Account?> FindByNumberAsync(string number, CancellationToken cancellationToken);

    /// <summary>The accounts a user is a member of, with the user's role in each.</summary>
    Task<IReadOnlyList<(Account Account, AccountRole Role)>> ListForUserAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Who may act on an account, with their roles (for trade confirmations).</summary>
    Task<IReadOnlyList<AccountMember>> ListMembersAsync(Guid accountId, CancellationToken cancellationToken);

    /// <summary>Every account, by number, each with its members (sorted by user id): two queries, whatever the count.</summary>
    Task<IReadOnlyList<(Account Account, IReadOnlyList<AccountMember> Members)>> ListAllWithMembersAsync(CancellationToken cancellationToken);

    /// <summary>The highest account number in use, for allocating the next one.</summary>
    Task<string?> MaxNumberAsync(CancellationToken cancellationToken);
}
