using System.Text;
using Portcullis.HttpSignatures.Components;
using Portcullis.HttpSignatures.Digests;
using Portcullis.HttpSignatures.Messages;
using Portcullis.HttpSignatures.Signing;
using Portcullis.HttpSignatures.StructuredFields;

namespace Portcullis.HttpSignatures.Verification;

/// <summary>
/// Verifies one RFC 9421 signature of a message (§3.2) under a <see cref="SignatureVerificationPolicy"/>.
/// Never throws for hostile input: every failure is a result with a stable code. Nonce replay is the
/// caller's job (the gate's shared store): the result exposes <c>nonce</c>, <c>keyid</c> and <c>created</c>.
/// </summary>
public sealed class HttpMessageVerifier
{
    private const long MinUnixSeconds = -62_135_596_800;
    private const long MaxUnixSeconds = 253_402_300_799;

    private readonly SignatureVerificationPolicy _policy;
    private readonly IVerificationKeyResolver _keys;
    private readonly TimeProvider _time;

    public HttpMessageVerifier(SignatureVerificationPolicy policy, IVerificationKeyResolver keys, TimeProvider timeProvider)
    {
        var problems = policy.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid signature verification policy: " + string.Join(" ", problems), nameof(policy));
        }

        _policy = policy;
        _keys = keys;
        _time = timeProvider;
    }

    public async ValueTask<SignatureVerificationResult> VerifyAsync(SignatureMessage message, CancellationToken cancellationToken)
    {
        // §3.2 step 1: parse Signature-Input and Signature as dictionaries (several lines are combined first).
        var inputValue = message.Fields.GetCombined(HttpMessageSigner.SignatureInputField);
        var signatureValue = message.Fields.GetCombined(HttpMessageSigner.SignatureField);
        if (inputValue is null || signatureValue is null)
        {
            return Fail(HttpSignatureErrors.Missing, "Signature-Input or Signature is absent.");
        }

        var inputs = SfParser.ParseDictionary(inputValue);
        var signatures = SfParser.ParseDictionary(signatureValue);
        if (!inputs.IsSuccess || !signatures.IsSuccess)
        {
            return Fail(HttpSignatureErrors.Malformed, $"A signature field is not a dictionary ({(inputs.Error ?? signatures.Error)!.Code}).");
        }

        if (inputs.Value.Count == 0 || signatures.Value.Count == 0)
        {
            return Fail(HttpSignatureErrors.Missing, "Signature-Input or Signature is empty.");
        }

        // Step 2: choose the signature by label; a repeated label is ambiguous and refused.
        var label = _policy.Label;
        if (label is null)
        {
            if (inputs.Value.DuplicateKeys.Count > 0 || signatures.Value.DuplicateKeys.Count > 0)
            {
                return Fail(HttpSignatureErrors.DuplicateLabel, "A label appears more than once.");
            }

            if (inputs.Value.Count != 1)
            {
                return Fail(HttpSignatureErrors.LabelUnknown, "Several signatures and no label chosen.");
            }

            label = inputs.Value.Entries[0].Key;
        }
        else if (inputs.Value.DuplicateKeys.Contains(label) || signatures.Value.DuplicateKeys.Contains(label))
        {
            return Fail(HttpSignatureErrors.DuplicateLabel, $"Label '{label}' appears more than once.", label);
        }

        var inputMember = inputs.Value[label];
        var signatureMember = signatures.Value[label];
        if (inputMember is null || signatureMember is null)
        {
            return Fail(HttpSignatureErrors.LabelUnknown, $"Label '{label}' is not in both fields.", label);
        }

        // Step 3: the Signature-Input member is an inner list of string items; the Signature member a byte sequence.
        if (inputMember.InnerList is not { } signatureParams
            || signatureMember.Item is not { Value.Kind: SfKind.ByteSequence } signatureItem)
        {
            return Fail(HttpSignatureErrors.Malformed, "The labelled members have the wrong shape.", label);
        }

        var components = new List<ComponentIdentifier>(signatureParams.Items.Count);
        foreach (var item in signatureParams.Items)
        {
            if (ComponentIdentifier.FromItem(item) is not { } component)
            {
                return Fail(HttpSignatureErrors.Malformed, "A covered component is not a non-empty string.", label);
            }

            components.Add(component);
        }

        var parsed = ReadParameters(signatureParams.Parameters);
        if (parsed.Error is { } parameterError)
        {
            return Fail(HttpSignatureErrors.Malformed, parameterError, label);
        }

        var result = new SignatureVerificationResult
        {
            Label = label,
            CoveredComponents = components,
            Parameters = signatureParams.Parameters,
            Created = parsed.Created is { } c ? ToTime(c) : null,
            Expires = parsed.Expires is { } e ? ToTime(e) : null,
            KeyId = parsed.KeyId,
            Algorithm = parsed.Alg,
            Nonce = parsed.Nonce,
            Tag = parsed.Tag,
        };

        // Step 4 (§3.2.1): the application's requirements on parameters and covered components.
        foreach (var required in _policy.RequiredParameters)
        {
            if (!signatureParams.Parameters.ContainsKey(required))
            {
                return Fail(result, HttpSignatureErrors.RequiredParameterMissing, $"Parameter '{required}' is required.");
            }
        }

        foreach (var required in _policy.RequiredComponents)
        {
            if (!components.Contains(required))
            {
                return Fail(result, HttpSignatureErrors.RequiredComponentMissing, $"{required} must be covered.");
            }
        }

        var contentDigest = ComponentIdentifier.Field("content-digest");
        var hasBody = message.Body is { Length: > 0 };
        if (_policy.RequireContentDigestWithBody && hasBody && !components.Contains(contentDigest))
        {
            return Fail(result, HttpSignatureErrors.RequiredComponentMissing, "\"content-digest\" must be covered when there is a body.");
        }

        // Step 5: time. expires in the past fails; created must lie within the window around now (§7.2.1).
        var now = _time.GetUtcNow();
        var nowSeconds = now.ToUnixTimeSeconds();
        if (parsed.Expires is { } expires && expires < nowSeconds)
        {
            return Fail(result, HttpSignatureErrors.Expired, "The signature has expired.");
        }

        if (parsed.Created is { } created)
        {
            if (created > nowSeconds + (long)_policy.MaxCreatedAhead.TotalSeconds)
            {
                return Fail(result, HttpSignatureErrors.CreatedInFuture, "created is ahead of the allowed skew.");
            }

            if (created < nowSeconds - (long)_policy.MaxCreatedBehind.TotalSeconds)
            {
                return Fail(result, HttpSignatureErrors.CreatedTooOld, "created is older than the allowed window.");
            }
        }

        // Step 6: the key, and its algorithm (§3.2 steps 6–7: alg, when sent, must match the key).
        if (parsed.Alg is { } alg && !_policy.AllowedAlgorithms.Contains(alg))
        {
            return Fail(result, HttpSignatureErrors.AlgMismatch, "The algorithm is not allowed.");
        }

        var key = parsed.KeyId is null ? null : await _keys.ResolveAsync(parsed.KeyId, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return Fail(result, HttpSignatureErrors.KeyUnknown, "No key for this keyid.");
        }

        if (!_policy.AllowedAlgorithms.Contains(key.Algorithm) || (parsed.Alg is not null && !string.Equals(parsed.Alg, key.Algorithm, StringComparison.Ordinal)))
        {
            return Fail(result, HttpSignatureErrors.AlgMismatch, "alg does not match the key's algorithm.");
        }

        // Step 8: recreate the signature base from the message (§2.5).
        var signatureBase = SignatureBase.Create(message, signatureParams);
        if (!signatureBase.IsSuccess)
        {
            return Fail(result, signatureBase.Error.Code, signatureBase.Error.Message);
        }

        // Step 9: verify the signature over the base's bytes.
        if (!key.Verify(Encoding.UTF8.GetBytes(signatureBase.Value), signatureItem.Value.Bytes.Span))
        {
            return Fail(result, HttpSignatureErrors.Invalid, "The signature does not verify.");
        }

        // RFC 9530 §1.1 / RFC 9421 §7.2.8: a covered Content-Digest only protects the body if it matches it.
        // Any covered form counts ("content-digest", ;sf, ;key=...); with ;req it is the request's digest and body.
        foreach (var component in components)
        {
            if (!string.Equals(component.Name, "content-digest", StringComparison.Ordinal))
            {
                continue;
            }

            var owner = component.Parameters.ContainsKey("req") ? message.Request : message;
            if (owner?.Body is { } body && owner.Fields.GetCombined(ContentDigest.FieldName) is { } digestField)
            {
                var digest = ContentDigest.Verify(digestField, body.Span);
                if (!digest.IsSuccess)
                {
                    return Fail(result, digest.Error.Code, digest.Error.Message);
                }
            }
        }

        return new SignatureVerificationResult
        {
            Label = result.Label,
            CoveredComponents = result.CoveredComponents,
            Parameters = result.Parameters,
            Created = result.Created,
            Expires = result.Expires,
            KeyId = result.KeyId,
            Algorithm = key.Algorithm,
            Nonce = result.Nonce,
            Tag = result.Tag,
            Key = key,
            SignatureBase = signatureBase.Value,
        };
    }

    private static ParsedParameters ReadParameters(SfParameters parameters)
    {
        var parsed = new ParsedParameters();
        foreach (var (key, value) in parameters.Entries)
        {
            switch (key)
            {
                case "created" or "expires" when value.Kind != SfKind.Integer:
                    return new ParsedParameters { Error = $"'{key}' must be an integer." };
                case "keyid" or "alg" or "nonce" or "tag" when value.Kind != SfKind.String:
                    return new ParsedParameters { Error = $"'{key}' must be a string." };
                case "created":
                    parsed = parsed with { Created = value.Integer };
                    break;
                case "expires":
                    parsed = parsed with { Expires = value.Integer };
                    break;
                case "keyid":
                    parsed = parsed with { KeyId = value.String };
                    break;
                case "alg":
                    parsed = parsed with { Alg = value.String };
                    break;
                case "nonce":
                    parsed = parsed with { Nonce = value.String };
                    break;
                case "tag":
                    parsed = parsed with { Tag = value.String };
                    break;
                default:
                    break; // §2.3: unknown parameters are kept (they are signed) but not interpreted.
            }
        }

        return parsed;
    }

    private static DateTimeOffset ToTime(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(unixSeconds, MinUnixSeconds, MaxUnixSeconds));

    private static SignatureVerificationResult Fail(string code, string message, string? label = null) =>
        new() { Error = new SignatureError(code, message), Label = label };

    private static SignatureVerificationResult Fail(SignatureVerificationResult partial, string code, string message) =>
        new()
        {
            Error = new SignatureError(code, message),
            Label = partial.Label,
            CoveredComponents = partial.CoveredComponents,
            Parameters = partial.Parameters,
            Created = partial.Created,
            Expires = partial.Expires,
            KeyId = partial.KeyId,
            Algorithm = partial.Algorithm,
            Nonce = partial.Nonce,
            Tag = partial.Tag,
        };

    private sealed record ParsedParameters
    {
        public string? Error { get; init; }

        public long? Created { get; init; }

        public long? Expires { get; init; }

        public string? KeyId { get; init; }

        public string? Alg { get; init; }

        public string? Nonce { get; init; }

        public string? Tag { get; init; }
    }
}
