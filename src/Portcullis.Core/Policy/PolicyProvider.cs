using Microsoft.Extensions.Options;

using Portcullis.Core.Configuration;

namespace Portcullis.Core.Policy;

/// <summary>
/// Holds the policy in force: the file named by <see cref="PolicyOptions.File"/>, or the built-in default. The file
/// is validated at start-up (<see cref="PolicyConfigurationCheck"/>), so an invalid one stops the gate there.
/// </summary>
public sealed class PolicyProvider(IOptions<PolicyOptions> options)
{
    private readonly Lazy<CompiledPolicy> _current = new(() => Compile(options.Value));

    public CompiledPolicy Current => _current.Value;

    private static CompiledPolicy Compile(PolicyOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.File))
        {
            return PolicyLoader.Default();
        }

        var (policy, problems) = PolicyLoader.LoadFile(options.File);
        return policy ?? throw new InvalidOperationException(
            $"The policy file '{options.File}' is invalid: " + string.Join("; ", problems.Select(p => p.ToString())));
    }
}
