using System.Globalization;
using System.Text;

namespace Portcullis.HttpSignatures.StructuredFields;

/// <summary>RFC 8941 §4.1 serialisation. Values built through the public factories are always serialisable.</summary>
public static class SfSerializer
{
    public static string Serialize(SfDictionary dictionary)
    {
        var builder = new StringBuilder();
        foreach (var (key, member) in dictionary.Entries)
        {
            if (builder.Length > 0)
            {
                builder.Append(", ");
            }

            builder.Append(key);
            if (member.Item is { Value.IsTrue: true } item)
            {
                AppendParameters(builder, item.Parameters);
            }
            else
            {
                builder.Append('=');
                AppendMember(builder, member);
            }
        }

        return builder.ToString();
    }

    public static string Serialize(IEnumerable<SfMember> list)
    {
        var builder = new StringBuilder();
        foreach (var member in list)
        {
            if (builder.Length > 0)
            {
                builder.Append(", ");
            }

            AppendMember(builder, member);
        }

        return builder.ToString();
    }

    public static string Serialize(SfMember member)
    {
        var builder = new StringBuilder();
        AppendMember(builder, member);
        return builder.ToString();
    }

    public static string Serialize(SfInnerList innerList)
    {
        var builder = new StringBuilder();
        AppendInnerList(builder, innerList);
        return builder.ToString();
    }

    public static string Serialize(SfItem item)
    {
        var builder = new StringBuilder();
        AppendItem(builder, item);
        return builder.ToString();
    }

    public static string Serialize(SfBareItem item)
    {
        var builder = new StringBuilder();
        AppendBareItem(builder, item);
        return builder.ToString();
    }

    public static string Serialize(SfParameters parameters)
    {
        var builder = new StringBuilder();
        AppendParameters(builder, parameters);
        return builder.ToString();
    }

    private static void AppendMember(StringBuilder builder, SfMember member)
    {
        if (member.InnerList is { } inner)
        {
            AppendInnerList(builder, inner);
        }
        else
        {
            AppendItem(builder, member.Item!);
        }
    }

    // §4.1.1.1
    private static void AppendInnerList(StringBuilder builder, SfInnerList innerList)
    {
        builder.Append('(');
        for (var i = 0; i < innerList.Items.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            AppendItem(builder, innerList.Items[i]);
        }

        builder.Append(')');
        AppendParameters(builder, innerList.Parameters);
    }

    // §4.1.3
    private static void AppendItem(StringBuilder builder, SfItem item)
    {
        AppendBareItem(builder, item.Value);
        AppendParameters(builder, item.Parameters);
    }

    // §4.1.1.2: a parameter whose value is true is written as its key alone.
    private static void AppendParameters(StringBuilder builder, SfParameters parameters)
    {
        foreach (var (key, value) in parameters.Entries)
        {
            builder.Append(';').Append(key);
            if (!value.IsTrue)
            {
                builder.Append('=');
                AppendBareItem(builder, value);
            }
        }
    }

    // §4.1.3.1
    private static void AppendBareItem(StringBuilder builder, SfBareItem item)
    {
        switch (item.Kind)
        {
            case SfKind.Integer:
                builder.Append(item.Integer.ToString(CultureInfo.InvariantCulture));
                break;
            case SfKind.Decimal:
                // §4.1.5: at least one fractional digit, at most three, no trailing zeros beyond the first.
                var text = item.Decimal.ToString("0.0##", CultureInfo.InvariantCulture);
                builder.Append(text);
                break;
            case SfKind.String:
                builder.Append('"');
                foreach (var c in item.String)
                {
                    if (c is '"' or '\\')
                    {
                        builder.Append('\\');
                    }

                    builder.Append(c);
                }

                builder.Append('"');
                break;
            case SfKind.Token:
                builder.Append(item.Token);
                break;
            case SfKind.ByteSequence:
                builder.Append(':').Append(Convert.ToBase64String(item.Bytes.Span)).Append(':');
                break;
            case SfKind.Boolean:
                builder.Append(item.Boolean ? "?1" : "?0");
                break;
            default:
                throw new InvalidOperationException("Unknown item kind.");
        }
    }
}
