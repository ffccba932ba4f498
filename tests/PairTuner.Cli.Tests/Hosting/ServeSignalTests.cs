using System.Net.Http.Json;
using System.Text.Json;
using PairTuner.Contracts.Runs;
using PairTuner.Workflow.Runs;
using PairTuner.Workflow.Storage;

namespace PairTuner.Cli.Tests.Hosting;

/// <summary>
/// <c>pairtuner serve</c> stopped the ways it is stopped in real life: SIGTERM (kill, systemd,
/// Docker, CI) mid-run, SIGKILL, and a second serve on the same folder. Real processes throughout:
/// the built CLI, the Azurite it starts, the real trainer on the tiny model. Linux (signals,
/// /proc), as CI.
/// </summary>
public sealed class ServeSignalTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Sigterm_mid_run_leaves_no_process_and_the_run_completes_after_a_restart()
    {
        var state = Path.Combine(Path.GetTempPath(), "pairtuner-tests", "serve-" + Guid.NewGuid().ToString("N")[..12]);
        var azuriteData = Path.Combine(state, "azurite");

        string runId;
        int trainer;
        int azurite;
        await using (var first = await ServeProcess.StartAsync(state))
        {
            azurite = Assert.Single(ServeProcess.AzuritesOn(azuriteData));

            // A second serve on the same folder is refused, naming the first, and starts no Azurite.
            await using (var second = await ServeProcess.StartAsync(state, waitUntilServing: false))
            {
                Assert.Equal(1, await second.WaitForExitAsync());
                Assert.Contains($"process {first.Id}", second.Error, StringComparison.Ordinal);
                Assert.Contains(Path.GetFullPath(azuriteData), second.Error, StringComparison.Ordinal);
            }

            Assert.Equal([azurite], ServeProcess.AzuritesOn(azuriteData));

            (runId, trainer) = await StartTrainingAsync(first, state, "sigterm");

            await first.SignalAsync("TERM");
            Assert.Equal(0, await first.WaitForExitAsync());
            Assert.Contains("SIGTERM: stopping", first.Error, StringComparison.Ordinal);
        }

        AssertNothingLeft(trainer, azurite, azuriteData);

        // SIGKILL the next serve while its relaunched trainer runs: it leaves both behind ...
        int orphanTrainer;
        int orphanAzurite;
        await using (var killed = await ServeProcess.StartAsync(state))
        {
            orphanAzurite = Assert.Single(ServeProcess.AzuritesOn(azuriteData));
            orphanTrainer = await ServeProcess.RunningTrainerAsync(state);
            await killed.SignalAsync("KILL");
            await killed.WaitForExitAsync();
        }

        Assert.True(ServeProcess.IsRunning(orphanAzurite) && ServeProcess.IsRunning(orphanTrainer), "SIGKILL leaves Azurite and the trainer running");

        // ... which the one after stops before it starts its own; the run then completes.
        await using (var last = await ServeProcess.StartAsync(state))
        {
            Assert.True(last.Error.Contains("Cleaned up after a pairtuner that was killed", StringComparison.Ordinal), $"azurite {orphanAzurite} alive: {ServeProcess.IsRunning(orphanAzurite)}, trainer {orphanTrainer} alive: {ServeProcess.IsRunning(orphanTrainer)}; serve said: {last.Error}; files: {string.Join(", ", Directory.GetFiles(state, "*", SearchOption.AllDirectories).Where(f => !f.Contains("__", StringComparison.Ordinal)))}");
            Assert.False(ServeProcess.IsRunning(orphanAzurite), "the leftover Azurite was stopped");
            Assert.False(ServeProcess.IsRunning(orphanTrainer), "the leftover trainer was stopped");
            var now = Assert.Single(ServeProcess.AzuritesOn(azuriteData));

            await WaitUntilCompletedAsync(last, runId);

            await last.SignalAsync("TERM");
            Assert.Equal(0, await last.WaitForExitAsync());
            Assert.False(ServeProcess.IsRunning(now));
        }

        Assert.Empty(ServeProcess.AzuritesOn(azuriteData));
        Directory.Delete(state, recursive: true);
    }

    [Fact]
    public async Task Sigint_mid_run_stops_serve_as_sigterm_does_and_the_run_completes_after_a_restart()
    {
        var state = Path.Combine(Path.GetTempPath(), "pairtuner-tests", "serve-" + Guid.NewGuid().ToString("N")[..12]);
        var azuriteData = Path.Combine(state, "azurite");

        string runId;
        int trainer;
        int azurite;
        await using (var first = await ServeProcess.StartAsync(state))
        {
            azurite = Assert.Single(ServeProcess.AzuritesOn(azuriteData));
            (runId, trainer) = await StartTrainingAsync(first, state, "sigint");

            // Ctrl+C in the terminal serve runs in.
            await first.SignalAsync("INT");
            Assert.Equal(0, await first.WaitForExitAsync());
            Assert.Contains("SIGINT: stopping", first.Error, StringComparison.Ordinal);
        }

        AssertNothingLeft(trainer, azurite, azuriteData);

        await using (var again = await ServeProcess.StartAsync(state))
        {
            // A clean stop leaves nothing for the next start to clean up; the run carries on.
            Assert.DoesNotContain("Cleaned up after", again.Error, StringComparison.Ordinal);
            var now = Assert.Single(ServeProcess.AzuritesOn(azuriteData));
            var view = await WaitUntilCompletedAsync(again, runId);
            Assert.True(view.GetProperty("summary").GetProperty("trainerAttempts").GetInt32() >= 2, "the stopped trainer was relaunched after the restart");

            await again.SignalAsync("TERM");
            Assert.Equal(0, await again.WaitForExitAsync());
            Assert.False(ServeProcess.IsRunning(now));
        }

        Assert.Empty(ServeProcess.AzuritesOn(azuriteData));
        Directory.Delete(state, recursive: true);
    }

    /// <summary>Uploads a 30-epoch run to <paramref name="serve"/>'s storage; returns its id once its trainer runs.</summary>
    private static async Task<(string RunId, int Trainer)> StartTrainingAsync(ServeProcess serve, string state, string name)
    {
        var store = BlobArtifactStore.FromSettings(serve.Storage);
        await EndToEnd.UploadPairsAsync(store, name, $"{name}.jsonl", epochs: 30);
        var etag = (await store.Blob($"pairs/{name}.jsonl").GetPropertiesAsync()).Value.ETag.ToString();
        return (RunIds.FromBlob($"{name}.jsonl", etag), await ServeProcess.RunningTrainerAsync(state));
    }

    private static void AssertNothingLeft(int trainer, int azurite, string azuriteData)
    {
        Assert.False(ServeProcess.IsRunning(trainer), $"trainer {trainer} outlived serve");
        Assert.False(ServeProcess.IsRunning(azurite), $"Azurite {azurite} outlived serve");
        Assert.Empty(ServeProcess.AzuritesOn(azuriteData));
    }

    private static async Task<JsonElement> WaitUntilCompletedAsync(ServeProcess serve, string runId)
    {
        using var http = new HttpClient { BaseAddress = serve.Api };
        var view = await WaitUntilEndedAsync(http, runId);
        Assert.Equal("completed", view.GetProperty("status").GetString());
        Assert.Equal("completed", view.GetProperty("summary").GetProperty("status").GetString());
        return view;
    }

    private static async Task<JsonElement> WaitUntilEndedAsync(HttpClient http, string runId)
    {
        using var wait = new CancellationTokenSource(Patience);
        while (true)
        {
            var response = await http.GetAsync($"runs/{runId}", wait.Token);
            if (response.IsSuccessStatusCode)
            {
                var view = await response.Content.ReadFromJsonAsync<JsonElement>(wait.Token);
                if (view.GetProperty("status").GetString() is not ("running" or "pending"))
                {
                    return view;
                }
            }

            await Task.Delay(500, wait.Token);
        }
    }
}
