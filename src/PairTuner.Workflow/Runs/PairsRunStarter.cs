using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PairTuner.Core.Serialization;
using PairTuner.Workflow.Options;

namespace PairTuner.Workflow.Runs;

/// <summary>
/// The one way a run starts, whoever asks: the Event Grid and polling blob triggers, the local
/// watcher, and <c>POST /runs</c>. It merges and validates the options, derives the run id
/// (one upload, one run), and schedules the orchestration with instance id = run id, unless a
/// run with that id exists already.
/// </summary>
public sealed class PairsRunStarter
{
    /// <summary>The orchestration a run is (registered under this name in both hosts).</summary>
    public const string OrchestrationName = "RunOrchestration";

    private readonly DurableTaskClient _client;
    private readonly BlobServiceClient _blobs;
    private readonly IReadOnlyList<KeyValuePair<string, string?>> _defaults;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

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
        var (properties, input) = await GetPairsAsync(blobName, cancellationToken).ConfigureAwait(false);
        var runId = RunIds.FromBlob(blobName, properties.ETag.ToString());
        var builder = RunOptionsBuilder.Create().AddAppSettings(_defaults).AddBlobMetadata(properties.Metadata);
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
        return await ScheduleAsync(new RunRequest(runId, input, options), cancellationToken).ConfigureAwait(false);
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
        return await ScheduleAsync(new RunRequest(id, input, options), cancellationToken).ConfigureAwait(false);
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
        if (await ExistsAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return new RunStart(id, input, RunStartOutcome.AlreadyExists);
        }

        await WriteAsync(input, InlineJsonLines(pairs), cancellationToken).ConfigureAwait(false);
        return await ScheduleAsync(new RunRequest(id, input, options), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The pairs as JSON Lines in the shared data format: <c>{"text1":..,"text2":..,"score":..}</c>.</summary>
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

    private async Task<RunStart> ScheduleAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var (runId, input, _) = request;
        if (await ExistsAsync(request.RunId, cancellationToken).ConfigureAwait(false))
        {
            if (_logger.IsEnabled(LogLevel.Information))
            {
                _logger.LogInformation("Run {RunId} for {Input} exists already; not starting it again.", runId, input);
            }

            return new RunStart(request.RunId, request.Input, RunStartOutcome.AlreadyExists);
        }

        try
        {
            await _client.ScheduleNewOrchestrationInstanceAsync(
                OrchestrationName,
                request,
                new StartOrchestrationOptions(InstanceId: request.RunId),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Two deliveries of one event can race past the check above; then the other one started the run.
            if (await ExistsAsync(request.RunId, CancellationToken.None).ConfigureAwait(false))
            {
                return new RunStart(request.RunId, request.Input, RunStartOutcome.AlreadyExists);
            }

            throw;
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation("Started run {RunId} for {Input}.", runId, input);
        }

        return new RunStart(request.RunId, request.Input, RunStartOutcome.Started);
    }

    private async Task<bool> ExistsAsync(string runId, CancellationToken cancellationToken) =>
        await _client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null;

    private async Task<(BlobProperties Properties, string Input)> GetPairsAsync(string blobName, CancellationToken cancellationToken)
    {
        if (BlobNames.Problem(blobName) is { } problem)
        {
            throw new ArgumentException($"'{blobName}' cannot be a pairs blob: {problem}.", nameof(blobName));
        }

        var input = BlobNames.PairsContainer + "/" + blobName;
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
