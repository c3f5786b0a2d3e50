using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Portcullis.LoadTest;

/// <summary>What the figures were measured on.</summary>
public sealed record MachineInfo(int Cores, string CpuModel, string SdkVersion, string Runtime, string OperatingSystem)
{
    public static async Task<MachineInfo> ReadAsync(CancellationToken cancellationToken) => new(
        Environment.ProcessorCount,
        ReadCpuModel(),
        await SdkVersionAsync(cancellationToken),
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription);

    private static string ReadCpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static async Task<string> SdkVersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("dotnet", "--version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return "unknown";
            }

            var version = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return version.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
