using System.Diagnostics.CodeAnalysis;

namespace Portcullis.Ledger.Backend;

/// <summary>The outcome of a ledger operation that returns a <typeparamref name="T"/> on success.</summary>
public sealed class LedgerResult<T>
{
    private readonly T? _value;

    private LedgerResult(T? value, LedgerError? error)
    {
        _value = value;
        Error = error;
    }

    public LedgerError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The value; reading it from a failed result is a bug.</summary>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"Ledger result failed with {Error.Code}.");

#pragma warning disable CA1000 // factories on the generic type read best at call sites
    public static LedgerResult<T> Success(T value) => new(value, null);

    public static LedgerResult<T> Fail(LedgerError error) => new(default, error);
#pragma warning restore CA1000

    public static implicit operator LedgerResult<T>(LedgerError error) => Fail(error);

    public static implicit operator LedgerResult<T>(T value) => Success(value);
}
