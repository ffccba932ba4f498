using System.Text;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using PairTuner.Contracts.Storage;
using PairTuner.Workflow.Api;
using PairTuner.Workflow.Launchers.Process;
using PairTuner.Workflow.Launchers;
using PairTuner.Workflow.Orchestration;
using PairTuner.Workflow.Runs;
using PairTuner.Workflow.Storage;

namespace PairTuner.Workflow.Tests.Api;

/// <summary>
/// The API in front of the real orchestration and activities (Ingest on Azurite through the blob
/// store), on the in-process Durable host: what a user sees when a run fails on its data.
/// </summary>
public class RunsApiWorkflowTests
{
    private static readonly Uri BaseUri = new("http://127.0.0.1:7071/api");

    [Fact]
    public async Task Inline_pairs_that_are_all_bad_fail_the_run_with_a_readable_error()
    {
        var blobs = await TestStorage.ConnectAsync();
        await using var host = await DurableTaskTestHost.StartAsync(
            registry => registry.AddRunTasks(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    services.AddSingleton<IArtifactStore>(new BlobArtifactStore(blobs));

                    // Ingest fails this run before any trainer could start; the launcher is real but never used.
                    services.AddSingleton<ITrainerLauncher>(new ProcessTrainerLauncher(new ProcessTrainerOptions { FileName = "pairtuner" }));
                    services.AddPairTunerWorkflow();
                    services.Configure<DurableTaskWorkerOptions>(o => o.DataConverter = RunDataConverter.Instance);
                    services.Configure<DurableTaskClientOptions>(o => o.DataConverter = RunDataConverter.Instance);
                },
            });
        var api = new RunsApi(host.Client, new PairsRunStarter(host.Client, blobs));
        var runId = "inline-bad-" + Guid.NewGuid().ToString("N")[..12];
        var body = $$"""{ "runId": "{{runId}}", "pairs": [["same text", "same text"], ["again", "again"]] }""";

        var start = await api.StartAsync(new ApiRequest("POST", "runs", BaseUri) { Body = new MemoryStream(Encoding.UTF8.GetBytes(body)) });
        Assert.Equal(202, start.StatusCode);

        JsonElement view;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            await Task.Delay(250);
            view = JsonDocument.Parse((await api.GetAsync(new ApiRequest("GET", $"runs/{runId}", BaseUri), runId)).BodyBytes()).RootElement;
            Assert.True(DateTime.UtcNow < deadline, "the run did not end in 60 s: " + view);
        }
        while (view.GetProperty("status").GetString() is "pending" or "running");

        Assert.Equal("failed", view.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(view.GetProperty("error").GetProperty("message").GetString()));
        Assert.Equal($"runs/{runId}/error.json", view.GetProperty("error").GetProperty("details").GetString());
        var runs = blobs.GetBlobContainerClient("runs");
        Assert.True(await runs.GetBlobClient($"{runId}/error.json").ExistsAsync());
        Assert.True(await runs.GetBlobClient($"{runId}/validation.json").ExistsAsync());
        Assert.False(await runs.GetBlobClient($"{runId}/job.json").ExistsAsync());
        Assert.False(view.TryGetProperty("outputs", out _));
    }
}
