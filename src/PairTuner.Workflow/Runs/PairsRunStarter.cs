using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs;
using Azure;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using PairTuner.Contracts.Options;
using PairTuner.Contracts.Runs;
using PairTuner.Core.Serialization;
using PairTuner.Workflow.Orchestration;
using PairTuner.Workflow.Storage;

namespace PairTuner.Workflow.Runs;

/// <summary>
/// The one way a run starts, whoever asks: the Event Grid and polling blob triggers, the local
/// watcher, and <c>POST /runs</c>. It merges and validates the options, derives the run id
/// (one upload, one run), and has <see cref="RunStarter"/> schedule the orchestration with
/// instance id = run id, unless a run with that id exists already.
/// </summary>
public sealed class PairsRunStarter
{
    private readonly DurableTaskClient _client;
    private readonly BlobServiceClient _blobs;
    private readonly IReadOnlyList<KeyValuePair<string, string?>> _defaults;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BlobContainers _containers;

    /// <param name="client">The Durable client of the host.</param>
    /// <param name="blobs">The storage account of <c>pairs/</c> and <c>runs/</c>.</param>
    /// <param name="defaults">App settings under <see cref="RunOptionCatalog.SettingsSection"/> (keys are option names).</param>
    /// <param name="time">Clock for inline run ids.</param>
    /// <param name="logger">Where duplicates and rejections are logged.</param>
    public PairsRunStarter(
        DurableTaskClient client,
        BlobServiceClient blobs,
        IEnumerable<KeyValuePair<string, string?>>? defaults = null,
        TimeProvider? time = null,
        ILogger<PairsRunStarter>? logger = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _blobs = blobs ?? throw new ArgumentNullException(nameof(blobs));
        _containers = new BlobContainers(blobs);
        _defaults = defaults?.ToList() ?? [];
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// For the blob triggers and the watcher: starts the run for an upload to <c>pairs/{blobName}</c>.
    /// Bad options do not throw (a trigger would only retry the same bad blob): the run is
    /// <see cref="RunStartOutcome.Rejected"/> and <c>runs/{id}/error.json</c> says why.
    /// </summary>
    public async Task<RunStart> StartForUploadAsync(string blobName, CancellationToken cancellationToken = default)
    {
        var (properties, _) = await GetPairsAsync(blobName, cancellationToken).ConfigureAwait(false);
        return await StartForUploadAsync(blobName, properties.ETag, properties.Metadata, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// As <see cref="StartForUploadAsync(string, CancellationToken)"/>, for a caller that has the
    /// blob's ETag and metadata already (a listing with metadata, as the local watcher makes): one
    /// round trip less between the upload and the run.
    /// </summary>
    public async Task<RunStart> StartForUploadAsync(string blobName, ETag etag, IDictionary<string, string> metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var input = PairsInput(blobName);
        var runId = RunIds.FromBlob(blobName, etag.ToString());
        var builder = RunOptionsBuilder.Create().AddAppSettings(_defaults).AddBlobMetadata(metadata);
        if (!builder.TryBuild(out var options, out var errors))
        {
            if (await ExistsAsync(runId, cancellationToken).ConfigureAwait(false))
            {
                return new RunStart(runId, input, RunStartOutcome.AlreadyExists);
            }

            var exception = new RunOptionsException(errors);
            await WriteRejectionAsync(runId, input, exception, cancellationToken).ConfigureAwait(false);
            _logger.LogError(exception, "Upload {Input} was not started as run {RunId}: {Message}", input, runId, exception.Message);
            return new RunStart(runId, input, RunStartOutcome.Rejected, exception.Message);
        }

        LogIgnoredMetadata(input, builder);
        return await ScheduleAsync(new RunRequest(runId, input, options), prepare: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// For <c>POST /runs</c> with <c>input</c>: starts a run of an existing <c>pairs/</c> blob with
    /// extra options. Throws <see cref="RunOptionsException"/> for bad options and
    /// <see cref="PairsNotFoundException"/> when the blob is not there.
    /// </summary>
    /// <param name="blobName">Name inside <c>pairs/</c>.</param>
    /// <param name="configure">Adds the request's options (highest priority).</param>
    /// <param name="runId">An id the caller chose, or null for the upload's own id (so a repeated call is one run).</param>
    public async Task<RunStart> StartFromBlobAsync(string blobName, Action<RunOptionsBuilder>? configure, string? runId, CancellationToken cancellationToken = default)
    {
        var (properties, input) = await GetPairsAsync(blobName, cancellationToken).ConfigureAwait(false);
        var builder = RunOptionsBuilder.Create().AddAppSettings(_defaults).AddBlobMetadata(properties.Metadata);
        configure?.Invoke(builder);
        var options = builder.Build();
        LogIgnoredMetadata(input, builder);
        var id = runId is null ? RunIds.FromBlob(blobName, properties.ETag.ToString()) : RunIds.Validate(runId);
        return await ScheduleAsync(new RunRequest(id, input, options), prepare: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// For <c>POST /runs</c> with <c>pairs</c>: writes them to <c>runs/{id}/input.jsonl</c> (not
    /// <c>pairs/</c>, so no trigger starts a second run) and starts a run of that blob.
    /// </summary>
    public async Task<RunStart> StartInlineAsync(IReadOnlyList<InlinePair> pairs, Action<RunOptionsBuilder>? configure, string? runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var builder = RunOptionsBuilder.Create().AddAppSettings(_defaults);
        configure?.Invoke(builder);
        var options = builder.Build();
        var id = runId is null ? RunIds.NewInline(_time.GetUtcNow()) : RunIds.Validate(runId);
        var input = new RunPaths(id).InlineInput;
        return await ScheduleAsync(
            new RunRequest(id, input, options),
            () => WriteAsync(input, InlineJsonLines(pairs), cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The pairs as JSON Lines, one object a line: <c>{"text1":..,"text2":..,"score":..}</c>.</summary>
    internal static byte[] InlineJsonLines(IReadOnlyList<InlinePair> pairs)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            foreach (var pair in pairs)
            {
                writer.WriteStartObject();
                writer.WriteString("text1", pair.Text1);
                writer.WriteString("text2", pair.Text2);
                if (pair.Score is { } score)
                {
                    writer.WriteNumber("score", score);
                }

                writer.WriteEndObject();
                writer.Flush();
                buffer.WriteByte((byte)'\n');
                writer.Reset();
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Starts the run unless it exists. Two deliveries of one event can arrive at the same moment,
    /// and Durable backends differ in whether scheduling an existing instance id fails or
    /// overwrites; so the starter first claims the run id with a blob created only if absent
    /// (<c>runs/{id}/started.json</c>, atomic in Azure Storage and Azurite). Only the claimer
    /// schedules; the others answer "exists already".
    /// </summary>
    /// <param name="request">The run.</param>
    /// <param name="prepare">Work only the claimer does before scheduling (writing inline pairs).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    private async Task<RunStart> ScheduleAsync(RunRequest request, Func<Task>? prepare, CancellationToken cancellationToken)
    {
        var (runId, input, _) = request;
        if (await ExistsAsync(runId, cancellationToken).ConfigureAwait(false)
            || !await ClaimAsync(request, cancellationToken).ConfigureAwait(false))
        {
            LogOutcome(runId, input, "exists already, not started again");
            return new RunStart(runId, input, RunStartOutcome.AlreadyExists);
        }

        RunStartResult result;
        try
        {
            if (prepare is not null)
            {
                await prepare().ConfigureAwait(false);
            }

            // The workflow's RunStarter schedules with instance id = run id.
            // This call holds the claim and has just seen no instance: schedule without asking again.
            result = await new RunStarter(_client).ScheduleAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Give the claim back so that the trigger's retry can start the run.
            await ClaimBlob(runId).DeleteIfExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        LogOutcome(runId, input, result.Started ? "started" : "exists already, not started again");
        return new RunStart(runId, input, result.Started ? RunStartOutcome.Started : RunStartOutcome.AlreadyExists);
    }

    /// <summary>
    /// True when this call now owns the run id: it created the claim, or took over a claim older
    /// than <see cref="StaleClaimAge"/> whose run never started (its starter died in between).
    /// </summary>
    private async Task<bool> ClaimAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var claim = ClaimBlob(request.RunId);
        var content = BinaryData.FromObjectAsJson(new { runId = request.RunId, input = request.Input, claimedAt = _time.GetUtcNow() }, PairTunerJson.Compact);
        var createOnly = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
        await _containers.EnsureAsync(RunPaths.RunsContainer, cancellationToken).ConfigureAwait(false);
        try
        {
            try
            {
                await claim.UploadAsync(content, createOnly, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
            {
                // runs/ was deleted since this starter created it: create it again, once.
                _containers.Forget(RunPaths.RunsContainer);
                await _containers.EnsureAsync(RunPaths.RunsContainer, cancellationToken).ConfigureAwait(false);
                await claim.UploadAsync(content, createOnly, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Claimed by another delivery: normally it is scheduling the run right now.
        }

        try
        {
            BlobProperties existing = await claim.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (_time.GetUtcNow() - existing.LastModified < StaleClaimAge || await ExistsAsync(request.RunId, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            await claim.UploadAsync(content, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = existing.ETag } }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            // Someone else took it over or gave it back in between; let them have it.
            return false;
        }
    }

    /// <summary>A claim this old without a run is left from a starter that died; a later delivery takes it over.</summary>
    internal TimeSpan StaleClaimAge { get; init; } = TimeSpan.FromMinutes(2);

    private BlobClient ClaimBlob(string runId) =>
        _blobs.GetBlobContainerClient(RunPaths.RunsContainer).GetBlobClient($"{runId}/{RunPaths.StartedFile}");

    private void LogOutcome(string runId, string input, string outcome)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation("Run {RunId} for {Input}: {Outcome}.", runId, input, outcome);
        }
    }

    private async Task<bool> ExistsAsync(string runId, CancellationToken cancellationToken) =>
        await _client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null;

    private async Task<(BlobProperties Properties, string Input)> GetPairsAsync(string blobName, CancellationToken cancellationToken)
    {
        var input = PairsInput(blobName);
        try
        {
            var blob = _blobs.GetBlobContainerClient(BlobNames.PairsContainer).GetBlobClient(blobName);
            BlobProperties properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return (properties, input);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new PairsNotFoundException($"{input} does not exist: upload the pairs file to the '{BlobNames.PairsContainer}' container first.", e);
        }
    }

    /// <summary>The run input <c>pairs/{blobName}</c>, once the name is checked.</summary>
    private static string PairsInput(string blobName)
    {
        if (BlobNames.Problem(blobName) is { } problem)
        {
            throw new ArgumentException($"'{blobName}' cannot be a pairs blob: {problem}.", nameof(blobName));
        }

        return BlobNames.PairsContainer + "/" + blobName;
    }

    private async Task WriteRejectionAsync(string runId, string input, RunOptionsException exception, CancellationToken cancellationToken)
    {
        var error = new
        {
            runId,
            input,
            stage = "options",
            message = exception.Message,
            errors = exception.Errors.Select(e => new { name = e.Name, value = e.Value, source = e.Source, message = e.Message }),
        };
        await WriteAsync(new RunPaths(runId).Error, JsonSerializer.SerializeToUtf8Bytes(error, PairTunerJson.Options), cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var container = _blobs.GetBlobContainerClient(path[..slash]);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(path[(slash + 1)..]).UploadAsync(new BinaryData(content), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    private void LogIgnoredMetadata(string input, RunOptionsBuilder builder)
    {
        if (builder.IgnoredMetadataKeys.Count > 0 && _logger.IsEnabled(LogLevel.Warning))
        {
            _logger.LogWarning(
                "Metadata {Keys} of {Input} name no option and were ignored.",
                string.Join(", ", builder.IgnoredMetadataKeys),
                input);
        }
    }
}
