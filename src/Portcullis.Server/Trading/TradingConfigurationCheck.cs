using Microsoft.Extensions.Options;
using Portcullis.Core.Configuration;
using Portcullis.Ledger;

namespace Portcullis.Server.Trading;

/// <summary>Checks the <c>Trading</c> and <c>Ledger</c> sections, reporting every problem with the others at start-up.</summary>
public sealed class TradingConfigurationCheck(IOptions<TradingOptions> trading, IOptionsMonitor<LedgerOptions> ledger) : IConfigurationCheck
{
    public IEnumerable<string> Problems()
    {
        var t = trading.Value;
        if (t.BaseCurrency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
        {
            yield return ConfigurationProblem.Format("Trading:BaseCurrency", "must be an ISO 4217 code in capitals, e.g. USD", t.BaseCurrency);
        }

        if (t.ConfirmationInterval < TimeSpan.FromMilliseconds(100) || t.ConfirmationInterval > TimeSpan.FromMinutes(10))
        {
            yield return ConfigurationProblem.Format("Trading:ConfirmationInterval", "must be between 00:00:00.1 and 00:10:00", t.ConfirmationInterval);
        }

        if (t.ConfirmationBatch is < 1 or > 10_000)
        {
            yield return ConfigurationProblem.Format("Trading:ConfirmationBatch", "must be between 1 and 10000", t.ConfirmationBatch);
        }

        // The monitor reads the options without running the start-up validator, so every problem is listed here once.
        foreach (var problem in LedgerOptionsValidator.Problems(ledger.CurrentValue))
        {
            yield return problem;
        }
    }
}
