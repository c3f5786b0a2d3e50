using System.Reflection;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Portcullis.HttpSignatures.Algorithms;
using Portcullis.HttpSignatures.Components;
using Portcullis.HttpSignatures.Digests;
using Portcullis.HttpSignatures.Messages;
using Portcullis.HttpSignatures.Signing;
using Portcullis.HttpSignatures.StructuredFields;
using Portcullis.HttpSignatures.Verification;

namespace Portcullis.HttpSignatures.Tests.Verification;

/// <summary>Seeded random mutations of a valid signed request: verification never throws and always names a catalogued code.</summary>
public sealed class VerifierFuzzTests
{
    private const int Iterations = 5000;
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = "{\"symbol\":\"AAPL\",\"qty\":10}"u8.ToArray();

    private static readonly HashSet<string> Codes = typeof(HttpSignatureErrors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetValue(null)!)
        .ToHashSet();

    private static readonly string[] Noise =
    [
        "sig", "=", ";", ",", "(", ")", "\"", ":", "?1", "created=", "keyid=\"bot\"", "alg=\"hmac-sha256\"", "\"@method\"",
        "\"@query-param\";name=\"x\"", "\"content-digest\";sf", "\"x\";key=\"a\"", "\"@status\"", "\"x\";bs;sf", "\"@signature-params\"",
        "\"content-type\";tr", " ", "\t", "\\", "é", "\u0000", "99999999999999999", "-1", "1.5", "*", "AAAA", "==",
    ];

    [Fact]
    public async Task MutatedSignatureFields_NeverThrow_AndAlwaysReturnACode()
    {
        using var key = Ed25519HttpKey.Generate();
        var time = new FakeTimeProvider(Now);
        var verifier = new HttpMessageVerifier(new SignatureVerificationPolicy(), new SingleKeyResolver("bot", key), time);
        var (input, signature) = SignOnce(key);
        var random = new Random(9421);
        var outcomes = new Dictionary<string, int>();

        for (var i = 0; i < Iterations; i++)
        {
            var fields = new HttpFields()
                .Add("Content-Type", "application/json")
                .Add("Content-Digest", ContentDigest.Create(Body));
            var mutateInput = random.Next(3) != 0;
            var mutateSignature = random.Next(3) != 0 || !mutateInput;
            AddMaybe(fields, "Signature-Input", mutateInput ? Mutate(input, random) : input, random);
            AddMaybe(fields, "Signature", mutateSignature ? Mutate(signature, random) : signature, random);
            if (random.Next(4) == 0)
            {
                fields.Add(RandomHeaderName(random), Mutate("value", random));
            }

            var message = SignatureMessage.ForRequest("POST", new Uri("https://gate.example/v1/orders?account=A1"), fields, Body);

            var result = await verifier.VerifyAsync(message, CancellationToken.None);

            var code = result.Code ?? "ok";
            Assert.True(result.IsSuccess || Codes.Contains(code), $"Unknown code '{code}' for Signature-Input '{fields.GetCombined("Signature-Input")}'");
            outcomes[code] = outcomes.GetValueOrDefault(code) + 1;
        }

        // The mutations reach deep into verification, not only the parser.
        Assert.Contains(HttpSignatureErrors.Malformed, outcomes.Keys);
        Assert.Contains(HttpSignatureErrors.Invalid, outcomes.Keys);
        Assert.True(outcomes.Count >= 5, string.Join(", ", outcomes.Select(o => $"{o.Key}={o.Value}")));
    }

    [Fact]
    public void RandomText_NeverThrowsInTheParser()
    {
        var random = new Random(8941);
        for (var i = 0; i < Iterations; i++)
        {
            var text = new StringBuilder();
            var parts = random.Next(1, 12);
            for (var p = 0; p < parts; p++)
            {
                text.Append(random.Next(2) == 0 ? Noise[random.Next(Noise.Length)] : (char)random.Next(0, 128));
            }

            var input = text.ToString();
            var dictionary = SfParser.ParseDictionary(input);
            var list = SfParser.ParseList(input);
            var item = SfParser.ParseItem(input);

            Assert.True(dictionary.IsSuccess || dictionary.Error.Code.StartsWith("sf.", StringComparison.Ordinal));
            Assert.True(list.IsSuccess || list.Error.Code.StartsWith("sf.", StringComparison.Ordinal));
            Assert.True(item.IsSuccess || item.Error.Code.StartsWith("sf.", StringComparison.Ordinal));
            if (dictionary.IsSuccess)
            {
                // What parses re-serialises to something that parses to the same text (§4 round trip).
                var again = SfSerializer.Serialize(dictionary.Value);
                Assert.Equal(again, SfSerializer.Serialize(SfParser.ParseDictionary(again).Value));
            }
        }
    }

    private static (string Input, string Signature) SignOnce(HttpSignatureKey key)
    {
        var fields = new HttpFields().Add("Content-Type", "application/json").Add("Content-Digest", ContentDigest.Create(Body));
        var message = SignatureMessage.ForRequest("POST", new Uri("https://gate.example/v1/orders?account=A1"), fields, Body);
        var parameters = new SignatureParameters { Created = Now, KeyId = "bot", Algorithm = key.Algorithm, Nonce = "n-1" };
        ComponentIdentifier[] components = [ComponentIdentifier.Method, ComponentIdentifier.TargetUri, ComponentIdentifier.Field("content-digest"), ComponentIdentifier.Field("content-type")];
        var signed = HttpMessageSigner.Sign(message, new SignatureDefinition("sig", components, parameters), key).Value;
        return (signed.SignatureInputValue, signed.SignatureValue);
    }

    private static void AddMaybe(HttpFields fields, string name, string value, Random random)
    {
        switch (random.Next(10))
        {
            case 0:
                return; // field dropped
            case 1:
                fields.Add(name, value).Add(name, value); // repeated line
                return;
            default:
                fields.Add(name, value);
                return;
        }
    }

    private static string Mutate(string text, Random random)
    {
        var builder = new StringBuilder(text);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var at = builder.Length == 0 ? 0 : random.Next(builder.Length);
            switch (random.Next(4))
            {
                case 0 when builder.Length > 0:
                    builder[at] = (char)(builder[at] ^ (1 << random.Next(7)));
                    break;
                case 1 when builder.Length > 0:
                    builder.Remove(at, Math.Min(builder.Length - at, random.Next(1, 4)));
                    break;
                case 2:
                    builder.Insert(at, Noise[random.Next(Noise.Length)]);
                    break;
                default:
                    builder.Insert(at, (char)random.Next(0x20, 0x7F));
                    break;
            }
        }

        return builder.ToString();
    }

    private static string RandomHeaderName(Random random) =>
        random.Next(3) switch
        {
            0 => "Signature-Input",
            1 => "Signature",
            _ => "X-" + random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
}
