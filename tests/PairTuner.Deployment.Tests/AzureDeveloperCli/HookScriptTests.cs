using System.Diagnostics;
using System.Text.RegularExpressions;
using PairTuner.Tests;

namespace PairTuner.Deployment.Tests.AzureDeveloperCli;

/// <summary>
/// The azd hooks, run with sh against a stand-in `az` on PATH (Azure cannot be reached here): it
/// records every call and answers as the real CLI does for the scripted case.
/// </summary>
public sealed class HookScriptTests : IDisposable
{
    private const string Subscription = "00000000-0000-0000-0000-00000000abcd";
    private const string Key = "blobs-extension-key-Zx9";
    private readonly string _bin = Directory.CreateTempSubdirectory("pairtuner-hooks-").FullName;

    public HookScriptTests()
    {
        // answers: keys => the key; keys-denied => AuthorizationFailed; keys-starting => 503 once, then the key.
        File.WriteAllText(Path.Combine(_bin, "az"), """
            #!/bin/sh
            echo "$*" >> "$FAKE_AZ_LOG"
            case "$*" in
              "functionapp keys list"*)
                case "$FAKE_AZ_KEYS" in
                  denied) echo "ERROR: (AuthorizationFailed) The client 'me' does not have authorization to perform action 'Microsoft.Web/sites/host/listkeys/action'." >&2; exit 1 ;;
                  starting) if [ ! -f "$FAKE_AZ_LOG.started" ]; then touch "$FAKE_AZ_LOG.started"; echo "ERROR: Operation returned an invalid status 'Service Unavailable' (ServiceUnavailable)" >&2; exit 1; fi; echo "$FAKE_AZ_KEY" ;;
                  *) echo "$FAKE_AZ_KEY" ;;
                esac ;;
              "eventgrid system-topic event-subscription create"*) exit 0 ;;
              "functionapp list-flexconsumption-locations"*) printf 'eastus\nwestus3\r\nAustraliaEast\n' ;;
              *) echo "unexpected az call: $*" >&2; exit 2 ;;
            esac
            """.Replace("\r\n", "\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(_bin, "az"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose() => Directory.Delete(_bin, recursive: true);

    [Fact]
    public void Post_deploy_names_azds_subscription_on_every_az_call_and_never_prints_the_key()
    {
        var run = Run("post-deploy.sh", new() { ["FAKE_AZ_KEYS"] = "ok" });

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(2, run.AzCalls.Count);
        Assert.All(run.AzCalls, call => Assert.Contains($"--subscription {Subscription}", call));
        Assert.Contains(run.AzCalls, call => call.StartsWith("eventgrid system-topic event-subscription create", StringComparison.Ordinal) && call.Contains($"code={Key}", StringComparison.Ordinal));
        Assert.DoesNotContain(Key, run.Output);
    }

    [Fact]
    public void Post_deploy_shows_the_az_error_at_once_instead_of_waiting_for_a_key()
    {
        var run = Run("post-deploy.sh", new() { ["FAKE_AZ_KEYS"] = "denied" });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("AuthorizationFailed", run.Output);
        Assert.DoesNotContain("no blobs_extension system key", run.Output);
        Assert.Single(run.AzCalls);
    }

    [Fact]
    public void Post_deploy_waits_while_the_host_starts()
    {
        var run = Run("post-deploy.sh", new() { ["FAKE_AZ_KEYS"] = "starting" }, timeout: TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("not answering yet", run.Output);
        Assert.Equal(3, run.AzCalls.Count);
    }

    [Theory]
    [InlineData("westus3", "T4", false, false)]
    [InlineData("West US 3", "A100", false, false)]
    [InlineData("eastus", "T4", true, false)]
    [InlineData("eastus", "none", false, false)]
    [InlineData("westus", "T4", true, true)]
    [InlineData("australiaeast", "A100", false, false)]
    [InlineData("swedencentral", "T4", false, true)]
    public void Pre_provision_warns_about_a_region_without_the_gpu_or_flex_consumption(string location, string gpu, bool gpuWarning, bool flexWarning)
    {
        var run = Run("pre-provision.sh", new() { ["AZURE_LOCATION"] = location, ["PAIRTUNER_TRAINER_GPU"] = gpu });

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(gpuWarning, run.Output.Contains($"no serverless {gpu} GPU", StringComparison.Ordinal));
        Assert.Equal(flexWarning, run.Output.Contains("does not offer Flex Consumption", StringComparison.Ordinal));
        Assert.All(run.AzCalls, call => Assert.Contains($"--subscription {Subscription}", call));
    }

    [Fact]
    public void Pre_provision_rejects_a_gpu_setting_it_does_not_know()
    {
        var run = Run("pre-provision.sh", new() { ["AZURE_LOCATION"] = "westus3", ["PAIRTUNER_TRAINER_GPU"] = "cuda" });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("use T4, A100 or none", run.Output);
    }

    [Fact]
    public void The_region_list_is_dated_and_names_its_source()
    {
        var text = File.ReadAllText(RepositoryLayout.File("infra", "regions.txt"));
        Assert.Matches(@"As of \d{4}-\d{2}-\d{2}", text);
        Assert.Contains("https://learn.microsoft.com/", text);
    }

    [Theory]
    [InlineData("post-deploy.sh", "functionapp keys list", "eventgrid system-topic event-subscription create")]
    [InlineData("post-deploy.ps1", "functionapp keys list", "eventgrid system-topic event-subscription create")]
    [InlineData("pre-provision.sh", "functionapp list-flexconsumption-locations")]
    [InlineData("pre-provision.ps1", "functionapp list-flexconsumption-locations")]
    public void Each_hook_makes_its_az_calls_with_azds_subscription(string script, params string[] commands)
    {
        // PowerShell is not installed here, so the .ps1 hooks are read, not run: each makes the calls
        // the .sh hooks (run above) make, and names the subscription on each.
        var text = Regex.Replace(File.ReadAllText(RepositoryLayout.File("scripts", script)), @"[`\\]\r?\n\s*", " ");
        var calls = text.Split('\n').Select(l => l.Trim())
            .Where(l => !l.StartsWith('#') && !l.StartsWith("echo", StringComparison.Ordinal) && !l.StartsWith("Write-", StringComparison.Ordinal) && !l.StartsWith("throw", StringComparison.Ordinal))
            .ToList();
        foreach (var command in commands)
        {
            var call = Assert.Single(calls, l => l.Contains("az " + command, StringComparison.Ordinal));
            Assert.Matches(@"--subscription|@subscription|\$subscription", call);
        }
    }

    private HookRun Run(string script, Dictionary<string, string> environment, TimeSpan? timeout = null)
    {
        var log = Path.Combine(_bin, "calls.log");
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RepositoryLayout.File("scripts", script));
        start.Environment["PATH"] = _bin + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["FAKE_AZ_LOG"] = log;
        start.Environment["FAKE_AZ_KEY"] = Key;
        start.Environment["AZURE_SUBSCRIPTION_ID"] = Subscription;
        start.Environment["AZURE_RESOURCE_GROUP"] = "rg-pairtuner-dev";
        start.Environment["AZURE_FUNCTION_APP_NAME"] = "func-pairtuner-abc";
        start.Environment["AZURE_EVENTGRID_SYSTEM_TOPIC_NAME"] = "evgt-abc";
        start.Environment["PAIRTUNER_HOOK_WAIT_SECONDS"] = "0";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish: {stdout.Result}{stderr.Result}");
        }

        var calls = File.Exists(log) ? File.ReadAllLines(log).ToList() : [];
        File.Delete(log);
        return new HookRun(process.ExitCode, stdout.Result + stderr.Result, calls);
    }

    private sealed record HookRun(int ExitCode, string Output, List<string> AzCalls);
}
