namespace Portcullis.Core.Policy;

/// <summary>A decision with the steps that led to it, in order.</summary>
public sealed record Explanation(Decision Decision, IReadOnlyList<ExplainStep> Steps);
