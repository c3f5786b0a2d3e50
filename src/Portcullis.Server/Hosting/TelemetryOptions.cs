namespace Portcullis.Server.Hosting;

/// <summary>OpenTelemetry export (configuration section <c>Telemetry</c>). Off unless an endpoint is set.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>OTLP endpoint for traces and metrics, e.g. <c>http://localhost:4317</c>. Default: none.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Service name reported with every span and metric. Default <c>portcullis</c>.</summary>
    public string ServiceName { get; set; } = "portcullis";
}
