using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using PairTuner.Tests;

namespace PairTuner.Deployment.Tests.Arm;

/// <summary>
/// The Bicep CLI from the NuGet package this test project downloads (the version CI's
/// .ci/checks.d/20-bicep.sh uses): compiles infra/main.bicep to ARM JSON once per test run.
/// </summary>
internal static class BicepCli
{
    private const string Version = "0.49.2";

    private static readonly Lazy<JsonObject> Main = new(() => Build(RepositoryLayout.File("infra", "main.bicep")));

    /// <summary>infra/main.bicep as the ARM JSON that `azd provision` submits.</summary>
    public static JsonObject MainTemplate => (JsonObject)Main.Value.DeepClone();

    public static JsonObject Build(string bicepFile)
    {
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("build");
        start.ArgumentList.Add(bicepFile);
        start.ArgumentList.Add("--stdout");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var json = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build {bicepFile} failed ({process.ExitCode}):\n{stderr.Result}");
        }

        return JsonNode.Parse(json)!.AsObject();
    }

    private static string Executable()
    {
        var root = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value;
        var path = Path.Combine(root ?? "", "azure.bicep.commandline.linux-x64", Version, "tools", "bicep");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The Bicep CLI is not at '{path}': restore tests/PairTuner.Deployment.Tests (it downloads Azure.Bicep.CommandLine.linux-x64 {Version}); only linux-x64 is wired.", path);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        return path;
    }
}
