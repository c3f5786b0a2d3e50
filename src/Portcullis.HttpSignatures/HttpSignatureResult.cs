using System.Diagnostics.CodeAnalysis;

namespace Portcullis.HttpSignatures;

/// <summary>The outcome of an operation that returns a <typeparamref name="T"/> on success.</summary>
public sealed class HttpSignatureResult<T>
{
    private readonly T? _value;

    private HttpSignatureResult(T? value, SignatureError? error)
    {
        _value = value;
        Error = error;
    }

    public SignatureError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The value; reading it from a failed result is a bug.</summary>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"Failed result ({Error.Code}) has no value.");

#pragma warning disable CA1000 // factories on the generic type read best at call sites
    public static HttpSignatureResult<T> Success(T value) => new(value, null);

    public static HttpSignatureResult<T> Fail(SignatureError error) => new(default, error);

    public static HttpSignatureResult<T> Fail(string code, string message) => new(default, new SignatureError(code, message));

#pragma warning restore CA1000

    public static implicit operator HttpSignatureResult<T>(SignatureError error) => Fail(error);
}
