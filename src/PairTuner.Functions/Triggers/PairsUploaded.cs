using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using PairTuner.Workflow.Runs;
using PairTuner.Workflow.Storage;

namespace PairTuner.Functions.Triggers;

/// <summary>
/// A pairs file uploaded to <c>pairs/</c> starts a run, delivered by Event Grid (Azure, and locally
/// through <c>pairtuner blob-event</c>). Flex Consumption rejects a polling blob trigger even when
/// it is disabled, so the polling twin (<c>PairsUploadedPolling</c>, for Core Tools with
/// Azurite) is compiled only with <c>-p:PairTunerLocalPolling=true</c>; if both fire, the run id
/// (blob name + ETag) makes it one run.
/// </summary>
public sealed class PairsUploaded(RunServices services, ILogger<PairsUploaded> logger)
{
    public const string EventGridFunction = "PairsUploadedEventGrid";
    public const string PollingFunction = "PairsUploadedPolling";
    public const string BlobPath = BlobNames.PairsContainer + "/{name}";

    [Function(EventGridFunction)]
    public Task OnEventGridAsync(
        [BlobTrigger(BlobPath, Source = BlobTriggerSource.EventGrid, Connection = StorageSettings.Variable)] BlobClient blob,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        StartAsync(services, logger, name, client, cancellationToken);

    /// <summary>Starts the run for <c>pairs/{name}</c>, or logs why a name cannot be one.</summary>
    internal static async Task StartAsync(RunServices services, ILogger logger, string name, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (BlobNames.Problem(name) is { } problem)
        {
            // Retrying cannot fix a name; log it and let the trigger move on.
            logger.LogError("Ignored pairs/{Name}: {Problem}.", name, problem);
            return;
        }

        var start = await services.Starter(client).StartForUploadAsync(name, cancellationToken).ConfigureAwait(false);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("pairs/{Name}: run {RunId} {Outcome}.", name, start.RunId, start.Outcome);
        }
    }
}
