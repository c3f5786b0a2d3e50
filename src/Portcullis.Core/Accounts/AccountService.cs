using System.Globalization;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.Users;

namespace Portcullis.Core.Accounts;

/// <summary>Opens trading accounts and lists a user's memberships.</summary>
public sealed class AccountService(IGateStore store, TimeProvider time)
{
    private const string NumberPrefix = "PC-";
    private const int FirstNumber = 100001;

    public async Task<Result<Account>> OpenAsync(Guid ownerId, string name, string legalEntity, string jurisdiction, string actor,
        CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        if (await unit.Users.FindAsync(ownerId, cancellationToken) is null)
        {
            return UserErrors.NotFound();
        }

        // Numbers are allocated inside the write transaction, so two openings never take the same one.
        await unit.BeginAsync(cancellationToken);
        var number = NextNumber(await unit.Accounts.MaxNumberAsync(cancellationToken));
        var now = time.GetUtcNow();
        var account = new Account
        {
            Id = Guid.CreateVersion7(now),
            Number = number,
            Name = name,
            LegalEntity = legalEntity,
            Jurisdiction = jurisdiction,
            CreatedAt = now,
        };
        unit.Accounts.Add(account);
        unit.Accounts.AddMember(new AccountMember { AccountId = account.Id, UserId = ownerId, Role = AccountRole.Owner, CreatedAt = now });
        unit.Audit.Append(new AuditRecord(AuditEventTypes.AccountCreated, "ok", actor, Actors.Account(account.Id), null,
            new Dictionary<string, object?>
            {
                ["number"] = number,
                ["owner"] = ownerId,
                ["legal_entity"] = legalEntity,
                ["jurisdiction"] = jurisdiction,
            }));
        await unit.CommitAsync(cancellationToken);
        return account;
    }

    public async Task<IReadOnlyList<(Account Account, AccountRole Role)>> ListForUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        return await unit.Accounts.ListForUserAsync(userId, cancellationToken);
    }

    private static string NextNumber(string? max)
    {
        var last = max is not null && max.StartsWith(NumberPrefix, StringComparison.Ordinal) &&
            int.TryParse(max.AsSpan(NumberPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : FirstNumber - 1;
        return NumberPrefix + (last + 1).ToString(CultureInfo.InvariantCulture);
    }
}
