using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using PairTuner.Workflow.Orchestration;
using PairTuner.Workflow.Runs;

namespace PairTuner.Workflow.Tests.Api;

/// <summary>
/// A real Durable client and worker (the in-process test host) and real blob storage (Azurite, or
/// whatever PAIRTUNER_STORAGE names). The orchestration registered under the run's name is a
/// stand-in with the real one's surface: it publishes progress, waits for the Cancel event, and
/// completes or fails on request, so the handlers are tested against Durable's real behaviour.
/// </summary>
public sealed class ApiHost : IAsyncLifetime
{
    private DurableTaskTestHost? _host;

    public DurableTaskClient Client => _host?.Client ?? throw new InvalidOperationException("Not started.");

    public BlobServiceClient Blobs { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Blobs = await TestStorage.ConnectAsync();
        _host = await DurableTaskTestHost.StartAsync(registry =>
            registry.AddOrchestratorFunc<RunRequest, string>(RunOrchestration.Name, async (context, request) =>
            {
                if (request.Input.Contains("complete", StringComparison.Ordinal))
                {
                    return "{\"runId\":\"" + request.RunId + "\",\"pairs\":3}";
                }

                if (request.Input.Contains("fail", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("No usable pairs in " + request.Input + ": see validation.json.");
                }

                context.SetCustomStatus(new { stage = "training", epoch = 1, step = 5, loss = 0.5 });
                var reason = await context.WaitForExternalEvent<string>(PairTuner.Workflow.Runs.RunEvents.Cancel);
                return "canceled: " + reason;
            }));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
