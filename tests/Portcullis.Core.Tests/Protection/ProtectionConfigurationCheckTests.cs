using Microsoft.Extensions.Options;
using Portcullis.Core.Configuration;
using Portcullis.Core.Protection;

namespace Portcullis.Core.Tests.Protection;

public sealed class ProtectionConfigurationCheckTests
{
    [Fact]
    public void Defaults_HaveNoProblems()
    {
        Assert.Empty(new ProtectionConfigurationCheck(Options.Create(new ProtectionOptions())).Problems());
    }

    [Fact]
    public void EveryBadValue_IsReportedWithItsPath()
    {
        var options = new ProtectionOptions
        {
            FreezeLiftDelay = TimeSpan.Zero,
            SecurityChangeCooldown = TimeSpan.FromDays(31),
            RecoveryCooldown = TimeSpan.FromMinutes(59),
            MaxTrustedNetworks = 0,
            StateCacheCapacity = -1,
        };

        var problems = new ProtectionConfigurationCheck(Options.Create(options)).Problems().ToList();

        Assert.Equal(
            ["Protection:FreezeLiftDelay", "Protection:SecurityChangeCooldown", "Protection:RecoveryCooldown", "Protection:MaxTrustedNetworks",
                "Protection:StateCacheCapacity"],
            problems.Select(p => p[..p.IndexOf(':', p.IndexOf(':', StringComparison.Ordinal) + 1)]));
    }
}
