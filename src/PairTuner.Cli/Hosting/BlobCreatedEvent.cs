using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace PairTuner.Cli.Hosting;

/// <summary>
/// The <c>Microsoft.Storage.BlobCreated</c> event Event Grid delivers for a blob, in the Event Grid
/// schema (the one scripts/post-deploy.sh subscribes with): what the Functions blob extension's
/// webhook receives in Azure, built here from the blob's real properties so that a local
/// <c>func start</c> on Azurite, which has no Event Grid, can be handed one.
/// </summary>
internal static class BlobCreatedEvent
{
    /// <summary>The header Event Grid sets on every delivery; the extension rejects other event types.</summary>
    public const string EventTypeHeader = "aeg-event-type";
    public const string Notification = "Notification";

    /// <summary>A one-event batch, as Event Grid posts them (a JSON array).</summary>
    public static JsonArray For(BlobClient blob, BlobProperties properties, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(properties);
        var requestId = Guid.NewGuid().ToString();
        return
        [
            new JsonObject
            {
                // A real topic is the account's resource id; the extension reads data.url, not the topic.
                ["topic"] = $"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/local/providers/Microsoft.Storage/storageAccounts/{blob.AccountName}",
                ["subject"] = $"/blobServices/default/containers/{blob.BlobContainerName}/blobs/{blob.Name}",
                ["eventType"] = "Microsoft.Storage.BlobCreated",
                ["id"] = Guid.NewGuid().ToString(),
                ["eventTime"] = now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                ["data"] = new JsonObject
                {
                    ["api"] = "PutBlob",
                    ["clientRequestId"] = requestId,
                    ["requestId"] = requestId,
                    ["eTag"] = properties.ETag.ToString(),
                    ["contentType"] = properties.ContentType,
                    ["contentLength"] = properties.ContentLength,
                    ["blobType"] = properties.BlobType == BlobType.Block ? "BlockBlob" : properties.BlobType.ToString() + "Blob",
                    ["url"] = blob.Uri.ToString(),
                    ["sequencer"] = now.UtcTicks.ToString("x32", CultureInfo.InvariantCulture),
                    ["storageDiagnostics"] = new JsonObject { ["batchId"] = Guid.NewGuid().ToString() },
                },
                ["dataVersion"] = "",
                ["metadataVersion"] = "1",
            },
        ];
    }
}
