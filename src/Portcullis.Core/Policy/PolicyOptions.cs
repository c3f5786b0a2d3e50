namespace Portcullis.Core.Policy;

/// <summary>Policy settings (configuration section <c>Policy</c>).</summary>
public sealed class PolicyOptions
{
    public const string Section = "Policy";

    /// <summary>
    /// A policy file (YAML or JSON). Default: none, which means the built-in default policy (the three tiers of the
    /// product brief; <c>portcullis policy show-default</c> prints it). A relative path is taken from the working directory.
    /// </summary>
    public string? File { get; set; }

    /// <summary>
    /// Also audit allowed reads (operations that change nothing). Default false: denied, stepped-up and held reads
    /// and every decision on a change are audited; allowed reads are frequent (feeds poll) and would swamp the log.
    /// </summary>
    public bool AuditAllowedReads { get; set; }
}
