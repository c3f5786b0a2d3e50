namespace Portcullis.Core.Accounts;

/// <summary>A user's role in a trading account.</summary>
public sealed class AccountMember
{
    public required Guid AccountId { get; init; }

    public required Guid UserId { get; init; }

    public required AccountRole Role { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }
}
