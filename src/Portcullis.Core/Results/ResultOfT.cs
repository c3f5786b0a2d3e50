using System.Diagnostics.CodeAnalysis;

namespace Portcullis.Core.Results;

/// <summary>The outcome of an operation that returns a <typeparamref name="T"/> on success.</summary>
public sealed class Result<T>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The value; reading it from a failed result is a bug.</summary>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"Result failed with {Error.Code}.");

#pragma warning disable CA1000 // factories on the generic type read best at call sites: Result<User>.Success(user)
    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Fail(Error error) => new(default, error);
#pragma warning restore CA1000

    public static implicit operator Result<T>(Error error) => Fail(error);

    public static implicit operator Result<T>(T value) => Success(value);
}
