using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Portcullis.Client;

// A trading bot that stays inside its key's limits: it reads a quote and places one small limit order below the market,
// signed (RFC 9421) with a short-lived session key its API key asks for (or, with --session-keys off, with the API key
// itself), with an idempotency key so a retry never places twice. See samples/README.md.
//
//   dotnet run --project samples/PortcullisBot -- --server http://localhost:5000 --key bot.key --account <account id>
//      [--symbol AAPL] [--quantity 1] [--max-notional 1000] [--session-keys on|off]
var arguments = Arguments.Parse(args);
if (arguments is null)
{
    Console.Error.WriteLine(
        "usage: PortcullisBot --server URL --key FILE --account ID [--symbol AAPL] [--quantity 1] [--max-notional 1000] [--session-keys on|off]");
    return 2;
}

using var http = PortcullisHttpClient.Create(arguments.Server, ApiKeyFile.Load(arguments.KeyFile),
    new PortcullisClientOptions { UseSessionKeys = arguments.SessionKeys });

using var quoteResponse = await http.GetAsync($"/api/v1/quotes/{Uri.EscapeDataString(arguments.Symbol)}");
if (!quoteResponse.IsSuccessStatusCode)
{
    Console.Error.WriteLine($"quote refused: {(int)quoteResponse.StatusCode} {await quoteResponse.Content.ReadAsStringAsync()}");
    return 1;
}

var quote = await quoteResponse.Content.ReadFromJsonAsync<JsonElement>();
var price = quote.GetProperty("price").GetDecimal();

// One percent below the market, rounded down to the cent: the order rests until the price comes to it.
var limit = Math.Floor(price * 0.99m * 100m) / 100m;
var notional = limit * arguments.Quantity;
if (notional > arguments.MaxNotional)
{
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"not placing: {arguments.Quantity} {arguments.Symbol} at {limit} is {notional}, above this bot's limit of {arguments.MaxNotional}"));
    return 1;
}

using var order = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/accounts/{arguments.Account:D}/orders")
{
    Content = JsonContent.Create(new Dictionary<string, object>
    {
        ["symbol"] = arguments.Symbol,
        ["side"] = "buy",
        ["type"] = "limit",
        ["quantity"] = arguments.Quantity,
        ["limit_price"] = limit,
        ["time_in_force"] = "day",
    }),
};
order.Headers.Add("Idempotency-Key", $"bot-{TimeProvider.System.GetUtcNow():yyyyMMdd}-{arguments.Symbol}");
using var placed = await http.SendAsync(order);
Console.WriteLine($"{(int)placed.StatusCode} {await placed.Content.ReadAsStringAsync()}");
return placed.IsSuccessStatusCode ? 0 : 1;

internal sealed record Arguments(Uri Server, string KeyFile, Guid Account, string Symbol, decimal Quantity, decimal MaxNotional, bool SessionKeys)
{
    public static Arguments? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        return values.TryGetValue("--server", out var server) && Uri.TryCreate(server, UriKind.Absolute, out var uri)
            && values.TryGetValue("--key", out var key)
            && values.TryGetValue("--account", out var account) && Guid.TryParse(account, out var id)
            && decimal.TryParse(values.GetValueOrDefault("--quantity", "1"), NumberStyles.Number, CultureInfo.InvariantCulture, out var quantity)
            && decimal.TryParse(values.GetValueOrDefault("--max-notional", "1000"), NumberStyles.Number, CultureInfo.InvariantCulture, out var max)
            && values.GetValueOrDefault("--session-keys", "on") is "on" or "off"
            ? new Arguments(uri, key, id, values.GetValueOrDefault("--symbol", "AAPL"), quantity, max, values.GetValueOrDefault("--session-keys", "on") == "on")
            : null;
    }
}
