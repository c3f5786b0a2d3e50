using Microsoft.Extensions.Options;
using Portcullis.Core.Results;
using Portcullis.Core.Sessions;

namespace Portcullis.Core.Factors;

/// <summary>
/// The rules for changing factors: enrolling or removing one needs a recent second-factor proof in this
/// session (for a user with no strong factor yet, a recent password); the last strong factor cannot be removed.
/// </summary>
public sealed class FactorRules(IOptions<FactorOptions> options, TimeProvider time)
{
    private readonly TimeSpan _window = options.Value.FreshProofWindow;

    public Result RequireFreshProof(Session session, IEnumerable<Factor> userFactors)
    {
        var now = time.GetUtcNow();
        var hasStrong = userFactors.Any(f => f.IsActive && FactorCatalog.IsStrong(f.Kind));
        var proof = hasStrong
            ? Assurance.LastSecondFactor(session.Authentications)
            : session.Authentications.MaxBy(a => a.At);
        return proof is not null && now - proof.At <= _window ? Result.Success() : FactorErrors.FreshProofRequired();
    }

    /// <summary>Refuses to remove <paramref name="factor"/> if no other active strong factor would remain.</summary>
    public static Result AllowRemoval(Factor factor, IEnumerable<Factor> userFactors) =>
        FactorCatalog.IsStrong(factor.Kind) && factor.IsActive &&
        !userFactors.Any(f => f.Id != factor.Id && f.IsActive && FactorCatalog.IsStrong(f.Kind))
            ? FactorErrors.LastStrongFactor()
            : Result.Success();
}
