using System.Reflection;
using System.Runtime.InteropServices;

namespace PairTuner.Training.Reporting;

/// <summary>What produced a report, so a number can be traced to the code that made it.</summary>
public sealed record VersionInfo
{
    public required string PairTuner { get; init; }
    public required string TorchSharp { get; init; }
    public required string DotNet { get; init; }
    public required string Os { get; init; }

    /// <summary>The versions of this process.</summary>
    public static VersionInfo Current() => new()
    {
        PairTuner = InformationalVersion(typeof(VersionInfo).Assembly),
        TorchSharp = InformationalVersion(typeof(TorchSharp.torch).Assembly),
        DotNet = RuntimeInformation.FrameworkDescription,
        Os = $"{RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture})",
    };

    private static string InformationalVersion(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
