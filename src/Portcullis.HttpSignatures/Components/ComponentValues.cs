using System.Globalization;
using System.Text;
using Portcullis.HttpSignatures.Messages;
using Portcullis.HttpSignatures.StructuredFields;

namespace Portcullis.HttpSignatures.Components;

/// <summary>Computes the value of one covered component (RFC 9421 §2.1 fields, §2.2 derived components, §2.4 <c>req</c>).</summary>
public static class ComponentValues
{
    private static readonly HashSet<string> FieldParameters = new(StringComparer.Ordinal) { "sf", "key", "bs", "req", "tr" };

    public static HttpSignatureResult<string> Resolve(SignatureMessage message, ComponentIdentifier component)
    {
        // §2.4: with "req", the component comes from the request that the response answers.
        var source = message;
        if (component.Parameters["req"] is { } req)
        {
            if (!req.IsTrue)
            {
                return Invalid(component, "The req parameter is a flag.");
            }

            if (!message.IsResponse || message.Request is null)
            {
                return HttpSignatureResult<string>.Fail(HttpSignatureErrors.ComponentMissing, $"{component}: no related request.");
            }

            source = message.Request;
        }

        var result = component.IsDerived ? ResolveDerived(source, component) : ResolveField(source, component);
        if (result.IsSuccess && result.Value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return Invalid(component, "The value contains a line break.");
        }

        return result;
    }

    // §2.2
    private static HttpSignatureResult<string> ResolveDerived(SignatureMessage message, ComponentIdentifier component)
    {
        foreach (var (key, _) in component.Parameters.Entries)
        {
            var allowed = key == "req" || (key == "name" && component.Name == DerivedComponents.QueryParam);
            if (!allowed)
            {
                return Invalid(component, $"Parameter '{key}' is not allowed on a derived component.");
            }
        }

        if (component.Name == DerivedComponents.Status)
        {
            // §2.2.9: responses only; three digits.
            return message.Status is { } status
                ? HttpSignatureResult<string>.Success(status.ToString("D3", CultureInfo.InvariantCulture))
                : Invalid(component, "@status is only defined for responses.");
        }

        if (message.TargetUri is not { } uri || message.Method is not { } method || message.RequestTarget is not { } target)
        {
            return Invalid(component, "Request components need a request (use req on a response).");
        }

        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var path = target == "*" ? string.Empty : queryStart < 0 ? target : target[..queryStart];
        var query = queryStart < 0 ? "?" : target[queryStart..];
        var authority = uri.GetComponents(UriComponents.Host | UriComponents.Port, UriFormat.UriEscaped).ToLowerInvariant();
        switch (component.Name)
        {
            case DerivedComponents.Method: // §2.2.1
                return HttpSignatureResult<string>.Success(method);
            case DerivedComponents.TargetUri: // §2.2.2: scheme://authority plus the target as sent, no fragment or user info
                return HttpSignatureResult<string>.Success(uri.Scheme.ToLowerInvariant() + "://" + authority + (target == "*" ? string.Empty : target));
            case DerivedComponents.Authority: // §2.2.3: host[:port], lowercase, default port omitted
                return HttpSignatureResult<string>.Success(authority);
            case DerivedComponents.Scheme: // §2.2.4
                return HttpSignatureResult<string>.Success(uri.Scheme.ToLowerInvariant());
            case DerivedComponents.RequestTarget: // §2.2.5: as sent (origin form, or "*")
                return HttpSignatureResult<string>.Success(target);
            case DerivedComponents.Path: // §2.2.6: an empty path is "/"
                return HttpSignatureResult<string>.Success(path.Length == 0 ? "/" : path);
            case DerivedComponents.Query: // §2.2.7: with the leading "?"; "?" alone when there is no query
                return HttpSignatureResult<string>.Success(query);
            case DerivedComponents.QueryParam: // §2.2.8
                return ResolveQueryParam(query, component);
            case DerivedComponents.SignatureParams:
                return Invalid(component, "@signature-params cannot be a covered component.");
            default:
                return Invalid(component, "Unknown derived component.");
        }
    }

    private static HttpSignatureResult<string> ResolveQueryParam(string query, ComponentIdentifier component)
    {
        if (component.Parameters["name"] is not { Kind: SfKind.String } name)
        {
            return Invalid(component, "@query-param needs a string name parameter.");
        }

        string? found = null;
        foreach (var (key, value) in QueryParameters.Parse(query))
        {
            if (!string.Equals(key, name.String, StringComparison.Ordinal))
            {
                continue;
            }

            if (found is not null)
            {
                // One identifier gives one line; a repeated parameter is ambiguous (sign @query instead).
                return Invalid(component, "The query parameter occurs more than once.");
            }

            found = value;
        }

        return found is null
            ? HttpSignatureResult<string>.Fail(HttpSignatureErrors.ComponentMissing, $"{component}: no such query parameter.")
            : HttpSignatureResult<string>.Success(found);
    }

    // §2.1
    private static HttpSignatureResult<string> ResolveField(SignatureMessage message, ComponentIdentifier component)
    {
        if (!string.Equals(component.Name, component.Name.ToLowerInvariant(), StringComparison.Ordinal))
        {
            return Invalid(component, "Field names in component identifiers are lowercase.");
        }

        foreach (var (key, _) in component.Parameters.Entries)
        {
            if (!FieldParameters.Contains(key))
            {
                return Invalid(component, $"Unknown parameter '{key}'.");
            }
        }

        var parameters = component.Parameters;
        if (parameters["tr"] is not null)
        {
            return HttpSignatureResult<string>.Fail(HttpSignatureErrors.ComponentUnsupported, $"{component}: trailer fields are not supported.");
        }

        var sf = parameters["sf"];
        var key2 = parameters["key"];
        var bs = parameters["bs"];
        if ((sf is not null && !sf.IsTrue) || (bs is not null && !bs.IsTrue) || (key2 is not null && key2.Kind != SfKind.String))
        {
            return Invalid(component, "sf and bs are flags; key is a string.");
        }

        if (bs is not null && (sf is not null || key2 is not null))
        {
            // §2.1.3: bs cannot be combined with sf or key.
            return Invalid(component, "bs cannot be combined with sf or key.");
        }

        var lines = message.Fields.GetValues(component.Name);
        if (lines.Count == 0)
        {
            return HttpSignatureResult<string>.Fail(HttpSignatureErrors.ComponentMissing, $"{component}: the field is absent.");
        }

        if (bs is not null)
        {
            // §2.1.3: each field line trimmed, its bytes wrapped as a byte sequence, joined with ", ".
            var encoded = lines.Select(line => SfSerializer.Serialize(SfBareItem.FromBytes(Encoding.Latin1.GetBytes(line.Trim(' ', '\t')))));
            return HttpSignatureResult<string>.Success(string.Join(", ", encoded));
        }

        var combined = message.Fields.GetCombined(component.Name)!;
        if (key2 is not null)
        {
            // §2.1.2: the field is a dictionary; the value is the member's serialisation.
            var dictionary = SfParser.ParseDictionary(combined);
            if (!dictionary.IsSuccess)
            {
                return Invalid(component, $"The field is not a dictionary ({dictionary.Error.Code}).");
            }

            return dictionary.Value[key2.String] is { } member
                ? HttpSignatureResult<string>.Success(SfSerializer.Serialize(member))
                : HttpSignatureResult<string>.Fail(HttpSignatureErrors.ComponentMissing, $"{component}: no such dictionary member.");
        }

        if (sf is not null)
        {
            // §2.1.1: parsed with its known structured type and re-serialised.
            return StructuredFieldTypes.Known.TryGetValue(component.Name, out var type)
                ? Reserialize(component, combined, type)
                : HttpSignatureResult<string>.Fail(HttpSignatureErrors.ComponentUnsupported, $"{component}: the field's structured type is unknown.");
        }

        return HttpSignatureResult<string>.Success(combined);
    }

    private static HttpSignatureResult<string> Reserialize(ComponentIdentifier component, string value, string type)
    {
        switch (type)
        {
            case StructuredFieldTypes.Dictionary:
                var dictionary = SfParser.ParseDictionary(value);
                return dictionary.IsSuccess ? HttpSignatureResult<string>.Success(SfSerializer.Serialize(dictionary.Value)) : Invalid(component, dictionary.Error.Code);
            case StructuredFieldTypes.List:
                var list = SfParser.ParseList(value);
                return list.IsSuccess ? HttpSignatureResult<string>.Success(SfSerializer.Serialize(list.Value)) : Invalid(component, list.Error.Code);
            default:
                var item = SfParser.ParseItem(value);
                return item.IsSuccess ? HttpSignatureResult<string>.Success(SfSerializer.Serialize(item.Value)) : Invalid(component, item.Error.Code);
        }
    }

    private static HttpSignatureResult<string> Invalid(ComponentIdentifier component, string message) =>
        HttpSignatureResult<string>.Fail(HttpSignatureErrors.ComponentInvalid, $"{component}: {message}");
}
