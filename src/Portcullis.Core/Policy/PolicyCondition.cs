using System.Globalization;
using System.Net;

namespace Portcullis.Core.Policy;

/// <summary>
/// One compiled condition of a rule, e.g. <c>notional &gt;= 250000</c> or <c>asset_class in [option, future]</c>.
/// A condition on an attribute the operation lacks is false, except <c>!=</c> and <c>not in</c>, which are true.
/// </summary>
public abstract class PolicyCondition
{
    private protected PolicyCondition(string source, ConditionField attribute)
    {
        Source = source;
        Attribute = attribute;
    }

    /// <summary>The condition as written in the policy file.</summary>
    public string Source { get; }

    public ConditionField Attribute { get; }

    public abstract bool Matches(OperationRequest request, PolicySubject subject);

    internal sealed class NumberTest(string source, ConditionField attribute, string op, decimal value) : PolicyCondition(source, attribute)
    {
        public override bool Matches(OperationRequest request, PolicySubject subject)
        {
            if (ConditionFields.Number(Attribute, request) is not { } actual)
            {
                return op == "!=";
            }

            return op switch
            {
                "==" => actual == value,
                "!=" => actual != value,
                "<" => actual < value,
                "<=" => actual <= value,
                ">" => actual > value,
                _ => actual >= value,
            };
        }
    }

    internal sealed class TextTest(string source, ConditionField attribute, bool negate, string[] values) : PolicyCondition(source, attribute)
    {
        public override bool Matches(OperationRequest request, PolicySubject subject)
        {
            var actual = ConditionFields.Text(Attribute, request);
            if (actual is null)
            {
                return negate;
            }

            var found = false;
            foreach (var v in values)
            {
                if (string.Equals(v, actual, StringComparison.OrdinalIgnoreCase))
                {
                    found = true;
                    break;
                }
            }

            return found != negate;
        }
    }

    internal sealed class BooleanTest(string source, ConditionField attribute, bool expected) : PolicyCondition(source, attribute)
    {
        public override bool Matches(OperationRequest request, PolicySubject subject) =>
            ConditionFields.Boolean(Attribute, request, subject) == expected;
    }

    internal sealed class AddressTest(string source, ConditionField attribute, bool negate, IPNetwork[] networks) : PolicyCondition(source, attribute)
    {
        public override bool Matches(OperationRequest request, PolicySubject subject)
        {
            if (ConditionFields.Address(Attribute, request) is not { } ip)
            {
                return negate;
            }

            var address = ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
            var found = false;
            foreach (var n in networks)
            {
                if (n.Contains(address))
                {
                    found = true;
                    break;
                }
            }

            return found != negate;
        }
    }

    /// <summary>Parses one condition; on failure returns <c>null</c> and a message that says what is wrong.</summary>
    internal static PolicyCondition? Parse(string source, out string? problem)
    {
        problem = null;
        var text = source.Trim();
        var (name, op, rest) = Split(text);
        if (name is null || op is null)
        {
            problem = $"expected 'ATTRIBUTE OPERATOR VALUE' (operators: == != < <= > >= in, not in), got '{source}'";
            return null;
        }

        if (!ConditionFields.TryFind(name, out var attribute, out var kind, out var known))
        {
            problem = $"unknown attribute '{name}' (known: {string.Join(", ", ConditionFields.All.Select(a => a.Name))})";
            return null;
        }

        var isList = op is "in" or "not in";
        var values = isList ? ParseList(rest, out problem) : [Unquote(rest)];
        if (values is null)
        {
            return null;
        }

        if (values.Length == 0 || values.Any(v => v.Length == 0))
        {
            problem = $"'{source}' has an empty value";
            return null;
        }

        switch (kind)
        {
            case ConditionFields.Kind.Number:
                if (isList)
                {
                    problem = $"'{name}' is a number: use == != < <= > >=, not '{op}'";
                    return null;
                }

                if (!decimal.TryParse(values[0].Replace("_", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    problem = $"'{values[0]}' is not a number (in '{source}')";
                    return null;
                }

                return new NumberTest(source, attribute, op, number);

            case ConditionFields.Kind.Boolean:
                if (op is not ("==" or "!=") || values[0] is not ("true" or "false"))
                {
                    problem = $"'{name}' is true or false: write '{name} == true' or '{name} == false'";
                    return null;
                }

                return new BooleanTest(source, attribute, (values[0] == "true") == (op == "=="));

            case ConditionFields.Kind.Address:
                if (!isList && op is not ("==" or "!="))
                {
                    problem = $"'{name}' is an address: use in, not in, == or !=";
                    return null;
                }

                var networks = new List<IPNetwork>();
                foreach (var v in values)
                {
                    if (IPNetwork.TryParse(v, out var network))
                    {
                        networks.Add(network);
                    }
                    else if (IPAddress.TryParse(v, out var single))
                    {
                        networks.Add(new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
                    }
                    else
                    {
                        problem = $"'{v}' is not an IP address or CIDR range (in '{source}')";
                        return null;
                    }
                }

                return new AddressTest(source, attribute, op is "!=" or "not in", [.. networks]);

            default:
                if (op is not ("==" or "!=" or "in" or "not in"))
                {
                    problem = $"'{name}' is text: use ==, !=, in or not in, not '{op}'";
                    return null;
                }

                if (known is not null && values.FirstOrDefault(v => !known.Contains(v, StringComparer.Ordinal)) is { } unknown)
                {
                    problem = $"'{unknown}' is not a known {name} (known: {string.Join(", ", known)})";
                    return null;
                }

                return new TextTest(source, attribute, op is "!=" or "not in", values);
        }
    }

    private static (string? Name, string? Op, string Value) Split(string text)
    {
        var i = 0;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.'))
        {
            i++;
        }

        if (i == 0)
        {
            return (null, null, "");
        }

        var name = text[..i];
        var rest = text[i..].TrimStart();
        foreach (var op in (string[])["==", "!=", "<=", ">=", "<", ">"])
        {
            if (rest.StartsWith(op, StringComparison.Ordinal))
            {
                return (name, op, rest[op.Length..].Trim());
            }
        }

        if (rest.StartsWith("not ", StringComparison.Ordinal) && rest[4..].TrimStart().StartsWith("in ", StringComparison.Ordinal))
        {
            return (name, "not in", rest[4..].TrimStart()[3..].Trim());
        }

        return rest.StartsWith("in ", StringComparison.Ordinal) ? (name, "in", rest[3..].Trim()) : (name, null, "");
    }

    private static string[]? ParseList(string text, out string? problem)
    {
        problem = null;
        if (text.Length < 2 || text[0] != '[' || text[^1] != ']')
        {
            problem = $"expected a list like [a, b], got '{text}'";
            return null;
        }

        return text[1..^1].Split(',', StringSplitOptions.TrimEntries).Select(Unquote).ToArray();
    }

    private static string Unquote(string value)
    {
        var v = value.Trim();
        return v.Length >= 2 && ((v[0] == '"' && v[^1] == '"') || (v[0] == '\'' && v[^1] == '\'')) ? v[1..^1] : v;
    }
}
