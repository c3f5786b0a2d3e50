using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Portcullis.Client;

namespace Portcullis.Cli.Commands;

/// <summary>
/// <c>portcullis api METHOD PATH [--data JSON] --key FILE</c>: one request signed with a bot's API key (RFC 9421), for
/// scripts; and <c>portcullis api keygen</c>, which makes the key pair on this machine so the gate never sees the private half.
/// </summary>
internal static class ApiCommand
{
    public const string ServerVariable = "PORTCULLIS_SERVER";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create(CliConsole console)
    {
        var method = new Argument<string>("METHOD") { Description = "GET, POST, PUT, PATCH or DELETE" };
        var path = new Argument<string>("PATH") { Description = "The path and query, e.g. /api/v1/instruments" };
        var data = new Option<string?>("--data", "-d") { Description = "The JSON body, or @FILE to read it from a file" };
        var key = new Option<string>("--key") { Description = "The API key file (from 'portcullis api keygen', with its key_id)", Required = true };
        var keyId = new Option<string?>("--key-id") { Description = "The key's pk_… id, if the key file does not hold it" };
        var server = new Option<string?>("--server") { Description = $"The gate's address, e.g. https://gate.example.com (default: ${ServerVariable})" };
        var command = new Command("api", "Send one request signed with an API key (RFC 9421); exit 0 on a 2xx answer, 1 otherwise")
        {
            method, path, data, key, keyId, server,
        };
        command.Subcommands.Add(Keygen(console));
        command.SetAction(async (parse, cancellationToken) =>
        {
            var verb = parse.GetValue(method)!.ToUpperInvariant();
            if (verb is not ("GET" or "POST" or "PUT" or "PATCH" or "DELETE"))
            {
                console.Fail($"METHOD must be GET, POST, PUT, PATCH or DELETE, not '{parse.GetValue(method)}'.");
                return ExitCodes.Usage;
            }

            var target = parse.GetValue(path)!;
            if (!target.StartsWith('/'))
            {
                console.Fail("PATH must start with /, e.g. /api/v1/instruments.");
                return ExitCodes.Usage;
            }

            var address = parse.GetValue(server) ?? Environment.GetEnvironmentVariable(ServerVariable);
            if (!Uri.TryCreate(address, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
            {
                console.Fail($"Give the gate's address with --server or ${ServerVariable}, e.g. https://gate.example.com.");
                return ExitCodes.Usage;
            }

            string? body;
            ApiKeyFile file;
            try
            {
                body = parse.GetValue(data) is { } d && d.StartsWith('@') ? await File.ReadAllTextAsync(d[1..], cancellationToken) : parse.GetValue(data);
                file = ApiKeyFile.Load(parse.GetValue(key)!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                console.Fail(e.Message);
                return ExitCodes.Usage;
            }

            var id = parse.GetValue(keyId) ?? file.KeyId;
            if (id is null)
            {
                console.Fail("The key file has no key_id: pass --key-id pk_… (the id the gate gave when the public key was registered).");
                return ExitCodes.Usage;
            }

            using var http = PortcullisHttpClient.Create(baseUri, file, id);
            using var request = new HttpRequestMessage(new HttpMethod(verb), target);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                console.Fail($"cannot reach {baseUri}: {e.Message}");
                return ExitCodes.Failed;
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                console.Error.WriteLine($"{(int)response.StatusCode} {response.ReasonPhrase}");
                console.Out.WriteLine(Pretty(text));
                return response.IsSuccessStatusCode ? ExitCodes.Ok : ExitCodes.Failed;
            }
        });
        return command;
    }

    private static Command Keygen(CliConsole console)
    {
        var algorithm = new Option<string>("--algorithm") { Description = "The key kind", DefaultValueFactory = _ => ApiKeyFile.Ed25519 }
            .AcceptOnlyFromAmong(ApiKeyFile.Ed25519, ApiKeyFile.EcdsaP256);
        var output = new Option<string>("--out", "-o") { Description = "Where to write the private key file (owner-only)", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace an existing file" };
        var command = new Command("keygen",
            "Generate a key pair here: write the private key file and print the public key to register with POST /api/v1/api-keys")
        {
            algorithm, output, force,
        };
        command.SetAction(parse =>
        {
            var file = ApiKeyFile.Generate(parse.GetValue(algorithm)!);
            var path = parse.GetValue(output)!;
            try
            {
                file.Save(path, parse.GetValue(force));
            }
            catch (IOException e)
            {
                console.Fail(File.Exists(path) ? $"{path} exists: choose another file or pass --force." : e.Message);
                return ExitCodes.Failed;
            }

            console.Out.Write(file.PublicKeyPem());
            console.Error.WriteLine($"Wrote the private key to {path}. Register the public key above (POST /api/v1/api-keys with \"public_key\"),");
            console.Error.WriteLine("then add the key_id it answers to the file, or pass --key-id to 'portcullis api'.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Pretty(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
