namespace Portcullis.Core.Policy;

/// <summary>One step of an explanation: what was checked (a guard, a rule, a tier requirement) and what came of it.</summary>
public sealed record ExplainStep(string Check, string Outcome);
