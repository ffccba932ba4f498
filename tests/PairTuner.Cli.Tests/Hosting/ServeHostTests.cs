using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PairTuner.Cli.Hosting;
using PairTuner.Contracts.Runs;
using PairTuner.Workflow.Runs;

namespace PairTuner.Cli.Tests.Hosting;

/// <summary>
/// <c>pairtuner serve</c>'s parts on Azurite: the HTTP API (start, status with progress, list,
/// cancel) over a run that the real trainer trains, and the pairs/ watcher.
/// </summary>
public sealed class ServeHostTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_http_api_starts_a_run_shows_its_progress_lists_it_and_cancels_it()
    {
        var hub = TestStorage.NewTaskHub();
        await using var session = await EndToEnd.StartAsync(hub);
        // The watcher looks at a folder this test leaves empty: the run here starts through the API alone.
        await using var serve = await ServeHost.StartAsync(session, port: 0, watchInterval: TimeSpan.FromHours(1), watchPrefix: $"{hub}/watched/");
        await using (var content = File.OpenRead(EndToEnd.SamplePath))
        {
            await session.Hub.Store.WriteAsync($"pairs/{hub}/api.jsonl", content);
        }

        var model = await TinyModel.UploadAsync(session.Hub.Store, $"tiny-{hub}");
        using var http = new HttpClient { BaseAddress = new Uri(serve.Api.BaseUri + "/") };
        // 1000 epochs (5000 steps): the run is still training when the test cancels it.
        var started = await http.PostAsJsonAsync("runs", new { input = $"pairs/{hub}/api.jsonl", model, epochs = 1000, monitorInterval = "00:00:00.2" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var links = await started.Content.ReadFromJsonAsync<JsonElement>();
        var runId = links.GetProperty("id").GetString()!;
        Assert.Equal(started.Headers.Location!.ToString(), links.GetProperty("statusQueryGetUri").GetString());

        // Status with live training progress.
        JsonElement view = default;
        using (var wait = new CancellationTokenSource(Patience))
        {
            while (true)
            {
                view = await http.GetFromJsonAsync<JsonElement>($"runs/{runId}", wait.Token);
                if (view.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Object
                    && p.GetProperty("stage").GetString() == "training" && p.TryGetProperty("step", out var step) && step.GetInt64() > 0)
                {
                    break;
                }

                await Task.Delay(200, wait.Token);
            }
        }

        Assert.Equal("running", view.GetProperty("status").GetString());
        var progress = view.GetProperty("progress");
        Assert.Equal(1000, progress.GetProperty("epochs").GetInt32());
        Assert.True(progress.GetProperty("totalSteps").GetInt64() >= 5000, "1000 epochs of at least 5 steps");
        // The tiny model can fit its few pairs within seconds, so the reported loss may already round to 0.
        var loss = progress.GetProperty("loss");
        Assert.Equal(JsonValueKind.Number, loss.ValueKind);
        Assert.InRange(loss.GetDouble(), 0, 100);
        Assert.True(progress.TryGetProperty("etaSeconds", out _));

        var list = await http.GetFromJsonAsync<JsonElement>("runs");
        Assert.Contains(runId, list.ToString(), StringComparison.Ordinal);

        var cancel = await http.PostAsync($"runs/{runId}/cancel", null);
        Assert.True(cancel.IsSuccessStatusCode, await cancel.Content.ReadAsStringAsync());
        using (var wait = new CancellationTokenSource(Patience))
        {
            while (true)
            {
                view = await http.GetFromJsonAsync<JsonElement>($"runs/{runId}", wait.Token);
                if (view.GetProperty("status").GetString() != "running")
                {
                    break;
                }

                await Task.Delay(200, wait.Token);
            }
        }

        Assert.Equal("completed", view.GetProperty("status").GetString());
        Assert.Equal("cancelled", view.GetProperty("summary").GetProperty("status").GetString());
        Assert.Null(session.Launcher!.RunningProcessId(runId));
        Assert.True(File.Exists(session.Launcher.LogPath(runId, 1)), "the run had started the real trainer");
        Assert.Empty(await EndToEnd.ListAsync(session.Hub.Store, new RunPaths(runId).Model));
    }

    [Fact]
    public async Task The_watcher_starts_one_run_per_upload_and_a_new_one_for_new_content()
    {
        var hub = TestStorage.NewTaskHub();
        await using var session = await EndToEnd.StartAsync(hub);
        var starter = new PairsRunStarter(session.Hub.Client, session.Hub.Store.Service);
        // Only this test's uploads: a run claimed over two minutes ago and absent from this fresh task
        // hub counts as abandoned, so watching all of pairs/ would restart other tests' old uploads.
        var watcher = new PairsWatcher(session.Hub.Store.Service, starter) { Prefix = $"{hub}/" };
        var name = $"{hub}/watched.jsonl";
        await EndToEnd.UploadPairsAsync(session.Hub.Store, hub, name);

        var first = (await watcher.ScanAsync()).Where(s => s.Input == $"pairs/{name}").ToList();
        var again = (await watcher.ScanAsync()).Where(s => s.Input == $"pairs/{name}").ToList();
        var restarted = (await new PairsWatcher(session.Hub.Store.Service, starter) { Prefix = $"{hub}/" }.ScanAsync()).Where(s => s.Input == $"pairs/{name}").ToList();

        Assert.Equal(RunStartOutcome.Started, Assert.Single(first).Outcome);
        Assert.Empty(again);
        Assert.Equal(RunStartOutcome.AlreadyExists, Assert.Single(restarted).Outcome);
        Assert.Equal(first[0].RunId, restarted[0].RunId);
        await session.Hub.Starter.CancelAsync(first[0].RunId);
        using var timeout = new CancellationTokenSource(Patience);
        await session.Hub.Client.WaitForInstanceCompletionAsync(first[0].RunId, timeout.Token);
    }
}
