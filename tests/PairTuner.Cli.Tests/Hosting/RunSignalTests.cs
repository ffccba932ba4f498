using System.Diagnostics;
using PairTuner.Tests.Models;
using PairTuner.Workflow.Launchers.Process;
using PairTuner.Workflow.Storage;

namespace PairTuner.Cli.Tests.Hosting;

/// <summary>
/// <c>pairtuner run</c> stopped by SIGTERM (kill, systemd, Docker, CI) mid-training, as a user
/// runs it: the built CLI as its own process with no PAIRTUNER_STORAGE, so it starts its own
/// Azurite in <c>{state}/azurite</c> and its own trainer; the model is the tiny one, served by a
/// loopback Hub (the run's storage is the command's own, so nothing can be uploaded to it first).
/// Linux (signals, /proc), as CI. Every wait polls with a generous deadline.
/// </summary>
public sealed class RunSignalTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Sigterm_mid_run_cancels_the_run_stops_trainer_and_azurite_and_exits_1_and_a_rerun_completes()
    {
        var work = Directory.CreateTempSubdirectory("pairtuner-run-signal-").FullName;
        var state = Path.Combine(work, "state");
        var azuriteData = Path.Combine(state, "azurite");
        using var hub = new HubTestServer();
        foreach (var path in Directory.EnumerateFiles(TinyModel.Folder, "*", SearchOption.AllDirectories))
        {
            hub.AddFile("org/tiny", "main", Path.GetRelativePath(TinyModel.Folder, path).Replace('\\', '/'), File.ReadAllBytes(path));
        }

        try
        {
            int trainer;
            int azurite;
            using (var run = StartRun(work, hub, "epochs=1000"))
            {
                trainer = await ServeProcess.RunningTrainerAsync(state);
                azurite = Assert.Single(ServeProcess.AzuritesOn(azuriteData));

                using (var kill = Process.Start("kill", ["-TERM", run.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    await kill.WaitForExitAsync();
                }

                var (exit, printed, said) = await run.EndAsync();
                Assert.True(exit == 1, $"exit {exit}\n{printed}\n{said}");
                Assert.Contains("SIGTERM: stopping", said, StringComparison.Ordinal);
                Assert.Matches(@"Run sigterm-[0-9a-f]+ was cancelled; its trainer was stopped\.", said);
            }

            Assert.False(ServeProcess.IsRunning(trainer), $"trainer {trainer} outlived pairtuner run");
            Assert.False(ServeProcess.IsRunning(azurite), $"Azurite {azurite} outlived pairtuner run");
            Assert.Empty(ServeProcess.AzuritesOn(azuriteData));

            // The same command again on the same folder: a clean stop left nothing to clean up, and it runs to the end.
            using (var rerun = StartRun(work, hub, "epochs=1"))
            {
                var (exit, printed, said) = await rerun.EndAsync();
                Assert.True(exit == 0, $"exit {exit}\n{printed}\n{said}");
                Assert.DoesNotContain("Cleaned up after", said, StringComparison.Ordinal);
                Assert.Matches(@"Run sigterm-[0-9a-f]+ completed in ", printed);
            }

            Assert.Empty(ServeProcess.AzuritesOn(azuriteData));
        }
        finally
        {
            // A failed assertion must not leave this test's Azurite running.
            foreach (var pid in ServeProcess.AzuritesOn(azuriteData))
            {
                using var left = Process.GetProcessById(pid);
                left.Kill();
            }

            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary><c>pairtuner run sample --name sigterm.jsonl --state {work}/state -o model=org/tiny -o {option}</c>, on its own storage.</summary>
    private static RunProcess StartRun(string work, HubTestServer hub, string option)
    {
        // `dotnet pairtuner.dll`, with the dotnet host that runs the tests.
        var cli = ProcessTrainerOptions.ForDll(typeof(PairTuner.Cli.Commands.RunCommand).Assembly.Location);
        var start = new ProcessStartInfo(cli.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = work,
        };
        foreach (var argument in cli.Arguments.Concat(
        [
            "run", EndToEnd.SamplePath, "--name", "sigterm.jsonl", "--out", Path.Combine(work, "out"), "--state", Path.Combine(work, "state"),
            "-o", "model=org/tiny", "-o", "warmupSteps=1", "-o", "monitorInterval=00:00:00.5", "-o", option,
        ]))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove(StorageSettings.Variable);
        start.Environment["HF_ENDPOINT"] = hub.Endpoint.ToString();
        start.Environment["PAIRTUNER_CACHE"] = Path.Combine(work, "cache");
        start.Environment["OMP_NUM_THREADS"] = "1";
        return new RunProcess(Process.Start(start)!, Patience);
    }
}
