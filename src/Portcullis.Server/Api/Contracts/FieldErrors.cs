namespace Portcullis.Server.Api.Contracts;

/// <summary>Collects per-field problems of a request body.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public IReadOnlyDictionary<string, string[]> All => _errors;

    public FieldErrors Add(string field, string message)
    {
        _errors[field] = [message];
        return this;
    }

    public FieldErrors Required(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            _errors[field] = ["This field is required."];
        }

        return this;
    }
}
