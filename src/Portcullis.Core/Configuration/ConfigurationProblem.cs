using System.Globalization;

namespace Portcullis.Core.Configuration;

/// <summary>How configuration problems are written: the path, what is wrong, and the value found.</summary>
public static class ConfigurationProblem
{
    public static string Format(string path, string message, object? value) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}: {message} (value: {value ?? "null"})");
}
