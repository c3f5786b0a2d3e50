using Microsoft.Extensions.Options;
using Portcullis.Core.Passwords;

namespace Portcullis.Core.Configuration;

/// <summary>Checks the <c>Passwords</c> section.</summary>
public sealed class PasswordConfigurationCheck(IOptions<PasswordOptions> passwords) : IConfigurationCheck
{
    public IEnumerable<string> Problems()
    {
        var p = passwords.Value;
        if (p.MemoryKiB < 8 * 1024 || p.MemoryKiB > 4 * 1024 * 1024)
        {
            yield return ConfigurationProblem.Format("Passwords:MemoryKiB", "must be between 8192 (8 MiB) and 4194304 (4 GiB)", p.MemoryKiB);
        }

        if (p.Iterations is < 1 or > 100)
        {
            yield return ConfigurationProblem.Format("Passwords:Iterations", "must be between 1 and 100", p.Iterations);
        }

        if (p.MinLengthMultiFactor < 8)
        {
            yield return ConfigurationProblem.Format("Passwords:MinLengthMultiFactor", "must be at least 8 (NIST SP 800-63B-4)", p.MinLengthMultiFactor);
        }

        if (p.MinLengthSingleFactor < 15)
        {
            yield return ConfigurationProblem.Format("Passwords:MinLengthSingleFactor", "must be at least 15 (NIST SP 800-63B-4)", p.MinLengthSingleFactor);
        }

        if (p.MaxLength < 64)
        {
            yield return ConfigurationProblem.Format("Passwords:MaxLength", "must be at least 64 (NIST SP 800-63B-4)", p.MaxLength);
        }

        if (p.MaxLength > 1024)
        {
            yield return ConfigurationProblem.Format("Passwords:MaxLength", "must be at most 1024", p.MaxLength);
        }

        if (p.HashingConcurrency is < 0 or > 256)
        {
            yield return ConfigurationProblem.Format("Passwords:HashingConcurrency", "must be between 0 (one per processor) and 256", p.HashingConcurrency);
        }

        if (p.HashingQueueCapacity is < 0 or > 100_000)
        {
            yield return ConfigurationProblem.Format("Passwords:HashingQueueCapacity", "must be between 0 (8 per worker) and 100000", p.HashingQueueCapacity);
        }
    }
}
