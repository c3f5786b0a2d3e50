using Portcullis.Core.Factors;

namespace Portcullis.Core.Policy;

/// <summary>What would satisfy a step-up: a proof of one of <see cref="Classes"/> no older than <see cref="MaxAge"/>.</summary>
/// <param name="Classes">Acceptable factor classes, strongest first.</param>
/// <param name="MaxAge">How old the proof may be when the operation is retried; <c>null</c> for no limit.</param>
public sealed record StepUpRequirement(IReadOnlyList<FactorClass> Classes, TimeSpan? MaxAge);
