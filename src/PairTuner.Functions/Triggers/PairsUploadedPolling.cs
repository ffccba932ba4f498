using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using PairTuner.Workflow.Storage;

namespace PairTuner.Functions.Triggers;

/// <summary>
/// The polling blob trigger, for Core Tools with Azurite, which has no Event Grid. Built only with
/// <c>-p:PairTunerLocalPolling=true</c> (or the environment variable <c>PairTunerLocalPolling=true</c>
/// when <c>func start</c> builds): Flex Consumption refuses an app that contains one.
/// </summary>
public sealed class PairsUploadedPolling(RunServices services, ILogger<PairsUploadedPolling> logger)
{
    [Function(PairsUploaded.PollingFunction)]
    public Task OnPollingAsync(
        [BlobTrigger(PairsUploaded.BlobPath, Source = BlobTriggerSource.LogsAndContainerScan, Connection = StorageSettings.Variable)] BlobClient blob,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        PairsUploaded.StartAsync(services, logger, name, client, cancellationToken);
}
