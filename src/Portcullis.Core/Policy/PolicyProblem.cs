namespace Portcullis.Core.Policy;

/// <summary>One problem found in a policy file: where (a path like <c>rules[3].when[0]</c>, and the line) and what.</summary>
public sealed record PolicyProblem(string Path, string Message, int? Line = null)
{
    public override string ToString() => Line is { } l ? $"{Path} (line {l}): {Message}" : $"{Path}: {Message}";
}
