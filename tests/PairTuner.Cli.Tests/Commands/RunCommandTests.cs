using System.Diagnostics;
using PairTuner.Cli.Tests.Hosting;
using PairTuner.Workflow.Launchers.Process;
using PairTuner.Workflow.Storage;

namespace PairTuner.Cli.Tests.Commands;

/// <summary>
/// <c>pairtuner run</c> as a user runs it: this build's CLI as its own process, on the storage of
/// PAIRTUNER_STORAGE, starting its own trainer (<c>pairtuner train --job</c>) as a child process.
/// </summary>
public sealed class RunCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Pairtuner_run_fine_tunes_a_pairs_file_and_prints_and_copies_the_results()
    {
        var storage = await TestStorage.RequireAsync();
        var hub = TestStorage.NewTaskHub();
        var model = await TinyModel.UploadAsync(BlobArtifactStore.FromSettings(storage), $"tiny-{hub}");
        var work = Directory.CreateTempSubdirectory("pairtuner-run-").FullName;
        try
        {
            var output = Path.Combine(work, "out");
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
                "run", EndToEnd.SamplePath, "--name", $"{hub}/cli.jsonl", "--out", output, "--state", Path.Combine(work, "state"),
                "-o", $"model={model}", "-o", "epochs=1", "-o", "warmupSteps=1", "-o", "monitorInterval=00:00:00.5",
            ]))
            {
                start.ArgumentList.Add(argument);
            }

            // The storage the test checked, spelled out, so the command never starts an Azurite of its own.
            start.Environment[StorageSettings.Variable] = storage.ConnectionString;
            start.Environment["OMP_NUM_THREADS"] = "1";

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using (var timeout = new CancellationTokenSource(Patience))
            {
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    throw;
                }
            }

            var printed = await stdout;
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{printed}\n{await stderr}");
            Assert.Matches($@"Run {hub}-cli-[0-9a-f]+ completed in ", printed);
            Assert.Contains("pairs: 200 usable (0 rejected), train 160, eval 40, shards 1, trainer attempts 1", printed, StringComparison.Ordinal);
            Assert.Matches(@"cosine_ndcg@10\s+\d\.\d{4}\s+\d\.\d{4}", printed);
            Assert.Contains($"copied to:        {output}", printed, StringComparison.Ordinal);
            foreach (var file in EndToEnd.ModelFiles.Select(f => Path.Combine("model", f)).Concat(["eval.json", "report.html", "summary.json", "training_log.jsonl"]))
            {
                Assert.True(File.Exists(Path.Combine(output, file)), $"{file} was not copied to {output}");
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
