using Microsoft.Extensions.Options;
using Portcullis.Core.Policy;

namespace Portcullis.Core.Configuration;

/// <summary>Checks the <c>Policy</c> section: the policy file must exist and be valid; every problem in it is listed.</summary>
public sealed class PolicyConfigurationCheck(IOptions<PolicyOptions> options) : IConfigurationCheck
{
    public IEnumerable<string> Problems()
    {
        var file = options.Value.File;
        if (string.IsNullOrWhiteSpace(file))
        {
            yield break;
        }

        var (_, problems) = PolicyLoader.LoadFile(file);
        foreach (var problem in problems)
        {
            yield return ConfigurationProblem.Format($"Policy:File ({file}) {problem.Path}", problem.Line is { } line ? $"line {line}: {problem.Message}" : problem.Message, file);
        }
    }
}
