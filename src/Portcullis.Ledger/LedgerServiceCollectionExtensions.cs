using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Instruments;
using Portcullis.Ledger.Orders;
using Portcullis.Ledger.Prices;

namespace Portcullis.Ledger;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the paper ledger as <see cref="IBrokerageBackend"/> and <see cref="ILedgerAdministration"/> (one
    /// singleton <see cref="PaperBrokerage"/>), its validated <see cref="LedgerOptions"/> and an <see cref="IPriceSource"/>
    /// from <c>Ledger:Prices</c> (replace it by registering your own first), and a <see cref="PriceProcessingLoop"/> for the host's background service. Uses the registered <see cref="TimeProvider"/>
    /// (the system clock if none). The host binds the <c>Ledger</c> section, e.g.
    /// <c>services.Configure&lt;LedgerOptions&gt;(configuration.GetSection(LedgerOptions.Section))</c>.
    /// </summary>
    public static IServiceCollection AddPortcullisLedger(this IServiceCollection services, Action<LedgerOptions>? configure = null)
    {
        var builder = services.AddOptions<LedgerOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LedgerOptions>, LedgerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(CreatePriceSource);
        services.TryAddSingleton(sp => new PaperBrokerage(
            sp.GetRequiredService<IOptions<LedgerOptions>>().Value, sp.GetRequiredService<IPriceSource>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IBrokerageBackend>(sp => sp.GetRequiredService<PaperBrokerage>());
        services.TryAddSingleton<ILedgerAdministration>(sp => sp.GetRequiredService<PaperBrokerage>());
        services.TryAddSingleton(sp => new PriceProcessingLoop(sp.GetRequiredService<ILedgerAdministration>(),
            sp.GetRequiredService<IOptions<LedgerOptions>>().Value, sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<PriceProcessingLoop>>() ?? NullLogger<PriceProcessingLoop>.Instance));
        return services;
    }

    private static IPriceSource CreatePriceSource(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<LedgerOptions>>().Value.Prices;
        var time = services.GetRequiredService<TimeProvider>();
        var prices = options.File is { Length: > 0 } file ? StaticPriceSource.LoadFile(file) : DemoInstruments.StartPrices;
        return options.Source == LedgerPriceOptions.Static
            ? new StaticPriceSource(prices, time)
            : new RandomWalkPriceSource(prices, options.Seed, options.Step, options.Volatility, time);
    }
}
