namespace Portcullis.Core.Factors;

/// <summary>
/// The rule for removing factors that no policy can relax: the last strong factor cannot be removed. How fresh a
/// proof must be to change factors is the policy's business (the <c>factor.enroll</c> and <c>factor.remove</c>
/// operations; docs/policy.md).
/// </summary>
public static class FactorRules
{
    /// <summary>Refuses to remove <paramref name="factor"/> if no other active strong factor would remain.</summary>
    public static Results.Result AllowRemoval(Factor factor, IEnumerable<Factor> userFactors) =>
        FactorCatalog.IsStrong(factor.Kind) && factor.IsActive &&
        !userFactors.Any(f => f.Id != factor.Id && f.IsActive && FactorCatalog.IsStrong(f.Kind))
            ? FactorErrors.LastStrongFactor()
            : Results.Result.Success();
}
