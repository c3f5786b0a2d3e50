using Microsoft.Extensions.Time.Testing;
using Portcullis.Ledger.Prices;
using Portcullis.Testing;

namespace Portcullis.Ledger.Tests;

public sealed class PriceSourceTests
{
    private static readonly Dictionary<string, decimal> Start = new() { ["ACME"] = 100m, ["EURUSD"] = 1.1m };

    [Fact]
    public async Task RandomWalk_IsDeterministic_ForTheSameSeedAnchorAndTime()
    {
        var anchor = new DateTimeOffset(2026, 1, 5, 14, 0, 0, TimeSpan.Zero);
        var time1 = new FakeTimeProvider(anchor);
        var time2 = new FakeTimeProvider(anchor);
        var one = new RandomWalkPriceSource(Start, 7, TimeSpan.FromMinutes(1), 0.01m, time1);
        var two = new RandomWalkPriceSource(Start, 7, TimeSpan.FromMinutes(1), 0.01m, time2);

        Assert.Equal(100m, (await one.GetQuoteAsync("ACME", default))!.Price);
        time1.Advance(TimeSpan.FromMinutes(30));
        var first = (await one.GetQuoteAsync("ACME", default))!.Price;
        time1.Advance(TimeSpan.FromMinutes(30));
        var later = (await one.GetQuoteAsync("ACME", default))!.Price;
        time2.Advance(TimeSpan.FromMinutes(60)); // jumps straight there: same path
        Assert.Equal(later, (await two.GetQuoteAsync("ACME", default))!.Price);
        Assert.NotEqual(first, later);
    }

    [Fact]
    public async Task RandomWalk_MovesWithinTheVolatilityPerStep_AndDiffersBySeed()
    {
        var anchor = new DateTimeOffset(2026, 1, 5, 14, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(anchor);
        var walk = new RandomWalkPriceSource(Start, 1, TimeSpan.FromMinutes(1), 0.01m, time);
        var other = new RandomWalkPriceSource(Start, 2, TimeSpan.FromMinutes(1), 0.01m, time);
        var previous = 100m;
        var differs = false;
        for (var i = 0; i < 50; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            var price = (await walk.GetQuoteAsync("ACME", default))!.Price;
            Assert.InRange(price, previous * 0.99m - 0.000001m, previous * 1.01m + 0.000001m);
            differs |= price != (await other.GetQuoteAsync("ACME", default))!.Price;
            previous = price;
        }

        Assert.True(differs);
        Assert.Null(await walk.GetQuoteAsync("NOPE", default));
    }

    [Fact]
    public async Task StaticSource_ReadsAPriceFile()
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "prices.json");
        await File.WriteAllTextAsync(file, """{ "ACME": 101.25, "EURUSD": 1.0855 }""");
        var time = new FakeTimeProvider();

        var source = new StaticPriceSource(StaticPriceSource.LoadFile(file), time);

        Assert.Equal(new PriceQuote("ACME", 101.25m, time.GetUtcNow()), await source.GetQuoteAsync("ACME", default));
        Assert.Null(await source.GetQuoteAsync("NOPE", default));
        await File.WriteAllTextAsync(file, """{ "ACME": -1 }""");
        Assert.Throws<InvalidDataException>(() => StaticPriceSource.LoadFile(file));
    }
}
