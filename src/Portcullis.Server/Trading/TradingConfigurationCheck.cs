using Microsoft.Extensions.Options;
using Portcullis.Core.Configuration;
using Portcullis.Ledger;

namespace Portcullis.Server.Trading;

/// <summary>Checks the <c>Trading</c> and <c>Ledger</c> sections, reporting every problem with the others at start-up.</summary>
public sealed class TradingConfigurationCheck(IOptions<TradingOptions> trading, IOptionsMonitor<LedgerOptions> ledger, LedgerPlacement placement) : IConfigurationCheck
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

        // A ledger beside the gate's store takes its connection from Storage, whose own check already names any problem
        // there; reading the ledger's options then would only repeat it under another name (or throw, as the options
        // validator runs on first read).
        if (placement.InheritsStorage)
        {
            yield break;
        }

        IReadOnlyList<string> problems;
        try
        {
            problems = LedgerOptionsValidator.Problems(ledger.CurrentValue);
        }
        catch (OptionsValidationException ex)
        {
            problems = [.. ex.Failures];
        }

        foreach (var problem in problems)
        {
            yield return problem;
        }
    }
}
