namespace Portcullis.Core.Results;

/// <summary>The outcome of an operation that returns no value.</summary>
public sealed class Result
{
    private static readonly Result SuccessInstance = new(null);

    private Result(Error? error) => Error = error;

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public static Result Success() => SuccessInstance;

    public static Result Fail(Error error) => new(error);

    public static implicit operator Result(Error error) => Fail(error);
}
