using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Portcullis.Core.Policy;

/// <summary>
/// Reads a policy file (YAML, or JSON, which is YAML too), validates all of it, and compiles it. Every problem is
/// reported with its path and line, not only the first; a policy with any problem is not used.
/// </summary>
public static class PolicyLoader
{
    public const string DefaultSource = "built-in default";

    private static readonly string[] TopKeys = ["version", "description", "tiers", "rules"];
    private static readonly string[] TierKeys = ["description", "proofs", "max_age", "idle", "absolute", "trusted_device", "trusted_network", "remembered_sign_in", "unattended"];
    private static readonly string[] RuleKeys = ["name", "description", "operations", "when", "cap", "tier", "decision", "reason"];
    private static readonly string[] CapKeys = ["sum", "over", "above"];

    /// <summary>The policy shipped with Portcullis: the three tiers of the product brief (docs/policy.md).</summary>
    public static string DefaultText()
    {
        using var stream = typeof(PolicyLoader).Assembly.GetManifestResourceStream("Portcullis.Core.Policy.default-policy.yaml")
            ?? throw new InvalidOperationException("The default policy is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The built-in default, compiled. It is checked by the tests, so failing here is a bug.</summary>
    public static CompiledPolicy Default()
    {
        var (policy, problems) = Load(DefaultText(), DefaultSource);
        return policy ?? throw new InvalidOperationException("The built-in policy is invalid: " + string.Join("; ", problems));
    }

    public static (CompiledPolicy? Policy, IReadOnlyList<PolicyProblem> Problems) LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, [new PolicyProblem("(file)", $"cannot read '{path}': {e.Message}")]);
        }

        return Load(text, path);
    }

    public static (CompiledPolicy? Policy, IReadOnlyList<PolicyProblem> Problems) Load(string text, string source)
    {
        var problems = new List<PolicyProblem>();
        YamlMappingNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode as YamlMappingNode;
        }
        catch (YamlException e)
        {
            return (null, [new PolicyProblem("(file)", $"not valid YAML: {e.InnerException?.Message ?? e.Message} (quote a condition that contains [ ] or ': ', e.g. \"asset_class in [option, future]\")", (int)e.Start.Line)]);
        }

        if (root is null)
        {
            return (null, [new PolicyProblem("(file)", "expected a mapping with 'version', 'tiers' and 'rules'")]);
        }

        var context = new Context(problems);
        context.UnknownKeys(root, "", TopKeys);
        var version = context.Scalar(root, "version", "version");
        if (version is null)
        {
            context.Add("version", "is required and must be 1", root);
        }
        else if (version.Value != "1")
        {
            context.Add("version", $"must be 1, not '{version.Value}'", version);
        }

        var tiers = ReadTiers(context, root);
        var rules = ReadRules(context, root, tiers);
        return problems.Count == 0 ? (new CompiledPolicy(source, [.. tiers.Values], rules), problems) : (null, problems);
    }

    private static Dictionary<string, PolicyTier> ReadTiers(Context c, YamlMappingNode root)
    {
        var tiers = new Dictionary<string, PolicyTier>(StringComparer.Ordinal);
        if (Context.Child(root, "tiers") is not { } node)
        {
            c.Add("tiers", "is required: a mapping of tier names to their requirements", root);
            return tiers;
        }

        if (node is not YamlMappingNode map || map.Children.Count == 0)
        {
            c.Add("tiers", "must be a mapping with at least one tier", node);
            return tiers;
        }

        foreach (var (keyNode, value) in map.Children)
        {
            var name = ((YamlScalarNode)keyNode).Value ?? "";
            var path = $"tiers.{name}";
            if (!IsIdentifier(name))
            {
                c.Add(path, "a tier name is lower case letters, digits and '_'", keyNode);
            }

            if (value is not YamlMappingNode t)
            {
                c.Add(path, "must be a mapping (proofs, max_age, idle, absolute, ...)", value);
                continue;
            }

            c.UnknownKeys(t, path, TierKeys);
            var proofs = new List<ProofClass>();
            if (Context.Child(t, "proofs") is { } proofsNode)
            {
                foreach (var (item, i) in c.Items(proofsNode, $"{path}.proofs"))
                {
                    if (!ProofClasses.TryParse(item.Value, out var pc))
                    {
                        c.Add($"{path}.proofs[{i}]", $"unknown proof class '{item.Value}' (known: {string.Join(", ", Enum.GetValues<ProofClass>().Select(ProofClasses.Name))})", item);
                    }
                    else if (!proofs.Contains(pc))
                    {
                        proofs.Add(pc);
                    }
                }
            }
            else
            {
                c.Add($"{path}.proofs", "is required: a list of proof classes, or [] for any authenticated session", t);
            }

            var maxAge = c.Duration(t, "max_age", path);
            if (maxAge is not null && proofs.Count == 0 && Context.Child(t, "proofs") is not null)
            {
                c.Add($"{path}.max_age", "needs proofs: there is no proof to age", Context.Child(t, "max_age")!);
            }

            tiers[name] = new PolicyTier
            {
                Name = name,
                Description = c.Scalar(t, "description", path)?.Value,
                Proofs = proofs,
                MaxAge = maxAge,
                Idle = c.Duration(t, "idle", path),
                Absolute = c.Duration(t, "absolute", path),
                TrustedDevice = c.Boolean(t, "trusted_device", path) ?? false,
                TrustedNetwork = c.Boolean(t, "trusted_network", path) ?? false,
                RememberedSignIn = c.Boolean(t, "remembered_sign_in", path) ?? true,
                Unattended = c.Scalar(t, "unattended", path) is { } u
                    ? u.Value switch
                    {
                        "allow" => UnattendedAction.Allow,
                        "hold" => UnattendedAction.Hold,
                        "deny" => UnattendedAction.Deny,
                        _ => c.Bad<UnattendedAction>($"{path}.unattended", $"must be allow, hold or deny, not '{u.Value}'", u),
                    }
                    : UnattendedAction.Deny,
            };
        }

        return tiers;
    }

    private static List<PolicyRule> ReadRules(Context c, YamlMappingNode root, Dictionary<string, PolicyTier> tiers)
    {
        var rules = new List<PolicyRule>();
        if (Context.Child(root, "rules") is not { } node)
        {
            c.Add("rules", "is required: an ordered list of rules ending in a default-deny", root);
            return rules;
        }

        if (node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            c.Add("rules", "must be a list of rules ending in a default-deny", node);
            return rules;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"rules[{i}]";
            if (list.Children[i] is not YamlMappingNode r)
            {
                c.Add(path, "must be a mapping (name, operations, when, tier or decision)", list.Children[i]);
                continue;
            }

            var rule = ReadRule(c, r, path, i, tiers, names);
            if (rule is not null)
            {
                rules.Add(rule);
            }
        }

        if (!IsDefaultDeny(list.Children[^1]))
        {
            c.Add($"rules[{list.Children.Count - 1}]", "the last rule must be a default-deny: operations: [\"*\"], decision: deny, no when or cap",
                list.Children[^1]);
        }

        return rules;
    }

    private static PolicyRule? ReadRule(Context c, YamlMappingNode r, string path, int index, Dictionary<string, PolicyTier> tiers,
        HashSet<string> names)
    {
        var before = c.Count;
        c.UnknownKeys(r, path, RuleKeys);
        var name = c.Scalar(r, "name", path)?.Value;
        if (name is null)
        {
            c.Add($"{path}.name", "is required", r);
        }
        else if (!names.Add(name))
        {
            c.Add($"{path}.name", $"'{name}' is used by an earlier rule; names must be unique", Context.Child(r, "name")!);
        }

        var operations = new List<string>();
        if (Context.Child(r, "operations") is { } opsNode)
        {
            foreach (var (item, i) in c.Items(opsNode, $"{path}.operations"))
            {
                var pattern = item.Value ?? "";
                if (!Operations.All.Any(o => PolicyRule.PatternMatches(pattern, o.Name)))
                {
                    c.Add($"{path}.operations[{i}]", $"'{pattern}' matches no operation in the catalogue", item);
                }

                operations.Add(pattern);
            }

            if (operations.Count == 0)
            {
                c.Add($"{path}.operations", "must list at least one operation or pattern", opsNode);
            }
        }
        else
        {
            c.Add($"{path}.operations", "is required: operation names or patterns like 'order.*' or '*'", r);
        }

        var conditions = new List<PolicyCondition>();
        if (Context.Child(r, "when") is { } whenNode)
        {
            foreach (var (item, i) in c.Items(whenNode, $"{path}.when"))
            {
                var condition = PolicyCondition.Parse(item.Value ?? "", out var problem);
                if (condition is null)
                {
                    c.Add($"{path}.when[{i}]", problem!, item);
                }
                else
                {
                    conditions.Add(condition);
                }
            }
        }

        var cap = ReadCap(c, r, path, index, operations);
        var tierName = c.Scalar(r, "tier", path);
        var decisionNode = c.Scalar(r, "decision", path);
        PolicyTier? tier = null;
        DecisionKind? direct = null;
        if (tierName is not null && decisionNode is not null)
        {
            c.Add(path, "has both 'tier' and 'decision': give one", r);
        }
        else if (tierName is not null)
        {
            if (!tiers.TryGetValue(tierName.Value ?? "", out tier))
            {
                c.Add($"{path}.tier", $"unknown tier '{tierName.Value}' (defined: {string.Join(", ", tiers.Keys)})", tierName);
            }
        }
        else if (decisionNode is not null)
        {
            direct = decisionNode.Value switch
            {
                "allow" => DecisionKind.Allow,
                "deny" => DecisionKind.Deny,
                "hold" => DecisionKind.Hold,
                _ => c.Bad<DecisionKind?>($"{path}.decision", $"must be allow, deny or hold, not '{decisionNode.Value}' (step-up comes from a tier)", decisionNode),
            };
        }
        else
        {
            c.Add(path, "needs 'tier' (a tier's requirements) or 'decision' (allow, deny or hold)", r);
        }

        var reasonNode = c.Scalar(r, "reason", path);
        if (reasonNode is not null && (direct != DecisionKind.Deny || !IsIdentifier(reasonNode.Value ?? "")))
        {
            c.Add($"{path}.reason", direct != DecisionKind.Deny
                ? "only a 'decision: deny' rule takes a reason"
                : $"'{reasonNode.Value}' is not a reason code (lower case letters, digits and '_')", reasonNode);
        }

        if (c.Count != before)
        {
            return null;
        }

        return new PolicyRule(index, name!, c.Scalar(r, "description", path)?.Value, [.. operations], [.. conditions], cap, tier, direct,
            reasonNode?.Value);
    }

    private static PolicyCap? ReadCap(Context c, YamlMappingNode r, string path, int index, List<string> operations)
    {
        if (Context.Child(r, "cap") is not { } node)
        {
            return null;
        }

        var capPath = $"{path}.cap";
        if (node is not YamlMappingNode cap)
        {
            c.Add(capPath, "must be a mapping: { sum: amount|notional|count, over: 24h, above: 100000 }", node);
            return null;
        }

        c.UnknownKeys(cap, capPath, CapKeys);
        var sum = c.Scalar(cap, "sum", capPath);
        if (sum is null || sum.Value is not ("amount" or "notional" or "count"))
        {
            c.Add($"{capPath}.sum", $"must be amount, notional or count{(sum is null ? "" : $", not '{sum.Value}'")}", (YamlNode?)sum ?? cap);
        }

        var over = c.Duration(cap, "over", capPath);
        if (over is null && Context.Child(cap, "over") is null)
        {
            c.Add($"{capPath}.over", "is required: the window, e.g. 24h", cap);
        }

        decimal? above = null;
        if (c.Scalar(cap, "above", capPath) is { } aboveNode)
        {
            if (decimal.TryParse((aboveNode.Value ?? "").Replace("_", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var a) && a >= 0)
            {
                above = a;
            }
            else
            {
                c.Add($"{capPath}.above", $"must be a non-negative number, not '{aboveNode.Value}'", aboveNode);
            }
        }
        else
        {
            c.Add($"{capPath}.above", "is required: the total above which the rule matches", cap);
        }

        return sum?.Value is { } s && over is { } w && above is { } limit
            ? new PolicyCap(new CapQuery($"rules[{index}].cap", [.. operations], s, w), limit)
            : null;
    }

    private static bool IsDefaultDeny(YamlNode node) =>
        node is YamlMappingNode r &&
        Context.Child(r, "operations") is YamlSequenceNode { Children: [YamlScalarNode { Value: "*" }] } &&
        Context.Child(r, "decision") is YamlScalarNode { Value: "deny" } &&
        Context.Child(r, "when") is null && Context.Child(r, "cap") is null && Context.Child(r, "tier") is null;

    private static bool IsIdentifier(string value) =>
        value.Length is > 0 and <= 64 && value.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch is '_' or '-');

    private sealed class Context(List<PolicyProblem> problems)
    {
        public int Count => problems.Count;

        public void Add(string path, string message, YamlNode node) =>
            problems.Add(new PolicyProblem(path, message, node.Start.Line > 0 ? (int)node.Start.Line : null));

        public T Bad<T>(string path, string message, YamlNode node)
        {
            Add(path, message, node);
            return default!;
        }

        public static YamlNode? Child(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

        public void UnknownKeys(YamlMappingNode map, string path, string[] known)
        {
            foreach (var key in map.Children.Keys)
            {
                var k = (key as YamlScalarNode)?.Value ?? "";
                if (!known.Contains(k, StringComparer.Ordinal))
                {
                    Add(path.Length == 0 ? k : $"{path}.{k}", $"unknown key (expected one of: {string.Join(", ", known)})", key);
                }
            }
        }

        public YamlScalarNode? Scalar(YamlMappingNode map, string key, string path)
        {
            var node = Child(map, key);
            if (node is null)
            {
                return null;
            }

            if (node is YamlScalarNode s)
            {
                return s;
            }

            Add(path.Length == 0 || path == key ? key : $"{path}.{key}", "must be a single value", node);
            return null;
        }

        public IEnumerable<(YamlScalarNode Item, int Index)> Items(YamlNode node, string path)
        {
            if (node is not YamlSequenceNode seq)
            {
                Add(path, "must be a list", node);
                yield break;
            }

            for (var i = 0; i < seq.Children.Count; i++)
            {
                if (seq.Children[i] is YamlScalarNode s)
                {
                    yield return (s, i);
                }
                else
                {
                    Add($"{path}[{i}]", "must be a single value (quote it if it contains ': ')", seq.Children[i]);
                }
            }
        }

        public TimeSpan? Duration(YamlMappingNode map, string key, string path)
        {
            if (Scalar(map, key, path) is not { } node)
            {
                return null;
            }

            if (Durations.TryParse(node.Value, out var value) && value > TimeSpan.Zero)
            {
                return value;
            }

            Add($"{path}.{key}", $"must be a positive duration like 300, 90s, 5m, 12h or 7d, not '{node.Value}'", node);
            return null;
        }

        public bool? Boolean(YamlMappingNode map, string key, string path)
        {
            if (Scalar(map, key, path) is not { } node)
            {
                return null;
            }

            return node.Value switch
            {
                "true" => true,
                "false" => false,
                _ => Bad<bool?>($"{path}.{key}", $"must be true or false, not '{node.Value}'", node),
            };
        }
    }
}
