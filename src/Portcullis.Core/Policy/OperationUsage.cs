namespace Portcullis.Core.Policy;

/// <summary>
/// One use of an operation that a capped rule counts (see <see cref="CapQuery"/>): which operation, when, and the amount
/// or notional it carried. Written when the policy allows it (a reservation, removed again when the endpoint does not
/// succeed) or when an approved held operation runs; summed for the next decision's <see cref="PolicySubject.Totals"/>.
/// </summary>
public sealed class OperationUsage
{
    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    public required string Operation { get; init; }

    public decimal? Amount { get; init; }

    public decimal? Notional { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>A new use of <paramref name="operation"/> by <paramref name="userId"/> at <paramref name="at"/>.</summary>
    public static OperationUsage Of(Guid userId, string operation, decimal? amount, decimal? notional, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        UserId = userId,
        Operation = operation,
        Amount = amount,
        Notional = notional,
        At = at,
    };
}
