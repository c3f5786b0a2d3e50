namespace Portcullis.Core.Configuration;

/// <summary>
/// Checks one part of the configuration. At start-up every registered check runs and all problems are
/// reported together, each as <c>Path: problem (value: …)</c>; nothing is silently corrected.
/// </summary>
public interface IConfigurationCheck
{
    IEnumerable<string> Problems();
}
