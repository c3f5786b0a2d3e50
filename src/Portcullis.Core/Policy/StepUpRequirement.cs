namespace Portcullis.Core.Policy;

/// <summary>What would satisfy a step-up: a proof of one of <see cref="Classes"/> no older than <see cref="MaxAge"/>.</summary>
/// <param name="Classes">Acceptable proof classes, as the tier lists them.</param>
/// <param name="MaxAge">How old the proof may be when the operation is retried; <c>null</c> for no limit.</param>
public sealed record StepUpRequirement(IReadOnlyList<ProofClass> Classes, TimeSpan? MaxAge)
{
    /// <summary>The classes as an RFC 9470 <c>acr_values</c> string (space-separated).</summary>
    public string AcrValues { get; } = string.Join(' ', Classes.Select(ProofClasses.Name));
}
