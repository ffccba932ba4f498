using System.Globalization;
using System.IO.Compression;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs;
using Azure.Storage;
using Azure;
using PairTuner.Contracts.Options;
using PairTuner.Contracts.Runs;
using PairTuner.Workflow.Runs;

namespace PairTuner.Workflow.Api;

/// <summary>
/// The API's file routes, for the dashboard and for anyone without a storage client:
/// <c>PUT /pairs/{name}</c> (upload a pairs file, which starts its run as any upload to
/// <c>pairs/</c> does) and a run's files: <c>GET /runs/{id}/log</c>, <c>/report</c>, <c>/eval</c>
/// and <c>/model.zip</c>. Every body streams between the client and storage; none is held whole.
/// Transport-neutral like <see cref="RunsApi"/>, so both hosts wire it thinly.
/// </summary>
public sealed class RunFilesApi
{
    private readonly BlobServiceClient _blobs;
    private readonly ApiLimits _limits;
    private readonly IReadOnlyList<KeyValuePair<string, string?>> _defaults;

    /// <param name="defaults">The host's run defaults (app settings), so an upload's options are checked as its run will read them.</param>
    public RunFilesApi(BlobServiceClient blobs, ApiLimits? limits = null, IReadOnlyList<KeyValuePair<string, string?>>? defaults = null)
    {
        _blobs = blobs ?? throw new ArgumentNullException(nameof(blobs));
        _limits = limits ?? new ApiLimits();
        _defaults = defaults ?? [];
    }

    /// <summary>
    /// <c>PUT /pairs/{name}?epochs=2&amp;…</c>: the body is the pairs file; query parameters are run
    /// options, checked first (400 naming each bad one) and kept as the blob's metadata, where the run
    /// reads them. 201 with the run's id and link; 400 for a bad name, 413 over
    /// <see cref="ApiLimits.MaxUploadBytes"/> (nothing is kept then).
    /// </summary>
    public async Task<ApiResponse> UploadPairsAsync(ApiRequest request, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BlobNames.Problem(name) is { } problem)
        {
            return ApiResponse.Error(400, $"'{name}' cannot name a pairs file: {problem}.", [new ApiErrorDetail("name", name, problem)]);
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var details = new List<ApiErrorDetail>();
        foreach (var (key, value) in request.Query)
        {
            // "code" is the Functions key the caller authenticated with, not an option.
            if (key == "code")
            {
                continue;
            }

            if (RunOptionCatalog.Find(key) is null)
            {
                details.Add(new ApiErrorDetail(key, value, "no such option (docs/options.md lists them)"));
                continue;
            }

            metadata[key] = value;
        }

        if (!RunOptionsBuilder.Create().AddAppSettings(_defaults).AddBlobMetadata(metadata).TryBuild(out _, out var errors))
        {
            details.AddRange(errors.Select(e => new ApiErrorDetail(e.Name, e.Value, e.Message)));
        }

        if (details.Count > 0)
        {
            return ApiResponse.Error(400, "The upload's options are not valid: " + string.Join("; ", details.Select(d => $"{d.Field}: {d.Message}")) + ".", details);
        }

        var tooLarge = $"The pairs file is larger than {_limits.MaxUploadBytes.ToString(CultureInfo.InvariantCulture)} bytes (limit {ApiLimits.SettingsSection}:MaxUploadBytes). "
            + "Upload it to the pairs container with a storage client (azcopy, az storage blob upload) instead.";
        if (request.ContentLength > _limits.MaxUploadBytes)
        {
            return ApiResponse.Error(413, tooLarge);
        }

        if (request.Body is null || request.ContentLength == 0)
        {
            return ApiResponse.Error(400, "The request has no body: send the pairs file as the body.", [new ApiErrorDetail("body", null, "empty")]);
        }

        var container = _blobs.GetBlobContainerClient(BlobNames.PairsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        Response<BlobContentInfo> uploaded;
        try
        {
            uploaded = await container.GetBlobClient(name).UploadAsync(
                new CappedUpload(request.Body, _limits.MaxUploadBytes, tooLarge),
                new BlobUploadOptions
                {
                    Metadata = metadata,

                    // Blocks of 4 MiB: the most the upload holds in memory at once.
                    TransferOptions = new StorageTransferOptions { InitialTransferSize = 4 * 1024 * 1024, MaximumTransferSize = 4 * 1024 * 1024, MaximumConcurrency = 1 },
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestTooLargeException e)
        {
            return ApiResponse.Error(413, e.Message);
        }

        // The watcher and the blob trigger derive the run's id from the name and ETag, so the caller can follow the run at once.
        var runId = RunIds.FromBlob(name, uploaded.Value.ETag.ToString());
        var runUri = RunLinks.RunUriOf(request.BaseUri, runId);
        return new ApiResponse(201, new { input = $"{BlobNames.PairsContainer}/{name}", runId, runUri })
        {
            Headers = new Dictionary<string, string> { ["Location"] = runUri },
        };
    }

    /// <summary><c>GET /runs/{id}/log</c>: the trainer's log, one JSON object per line (<c>training_log.jsonl</c>); 404 until it has one.</summary>
    public Task<ApiResponse> GetTrainingLogAsync(string runId, CancellationToken cancellationToken = default) =>
        FileAsync(runId, p => p.TrainingLog, "application/x-ndjson; charset=utf-8", "training log", cancellationToken);

    /// <summary><c>GET /runs/{id}/report</c>: the run's <c>report.html</c>; 404 until the run has written it.</summary>
    public Task<ApiResponse> GetReportAsync(string runId, CancellationToken cancellationToken = default) =>
        FileAsync(runId, p => p.ReportHtml, "text/html; charset=utf-8", "report", cancellationToken);

    /// <summary><c>GET /runs/{id}/eval</c>: the run's <c>eval.json</c> (base vs tuned); 404 until the run has written it.</summary>
    public Task<ApiResponse> GetEvalAsync(string runId, CancellationToken cancellationToken = default) =>
        FileAsync(runId, p => p.EvalReport, ApiResponse.JsonContentType, "evaluation", cancellationToken);

    /// <summary>
    /// <c>GET /runs/{id}/model.zip</c>: the model folder (<c>models/{id}/</c>) as a zip, written entry
    /// by entry as each blob is read; 404 when the run has no model (yet, or it was cancelled or failed).
    /// </summary>
    public async Task<ApiResponse> GetModelZipAsync(string runId, CancellationToken cancellationToken = default)
    {
        if (BadRunId(runId) is { } bad)
        {
            return bad;
        }

        var (containerName, prefix) = Split(new RunPaths(runId).Model);
        var container = _blobs.GetBlobContainerClient(containerName);
        var names = new List<string>();
        try
        {
            await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
            {
                names.Add(item.Name);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No models container yet: no run has finished.
        }

        if (names.Count == 0)
        {
            return ApiResponse.Error(404, $"Run '{runId}' has no model: it has not finished, or it was cancelled or failed.");
        }

        return ApiResponse.Streamed("application/zip", async (response, aborted) =>
        {
            using var output = new AsyncOnlyOutput(response);
            var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, aborted).ConfigureAwait(false);
            await using (zip.ConfigureAwait(false))
            {
                foreach (var name in names)
                {
                    // Weights hardly compress; the fastest level keeps the zip cheap to make.
                    var entry = zip.CreateEntry(name[prefix.Length..], CompressionLevel.Fastest);
                    var target = await entry.OpenAsync(aborted).ConfigureAwait(false);
                    await using (target.ConfigureAwait(false))
                    {
                        var source = await container.GetBlobClient(name).OpenReadAsync(cancellationToken: aborted).ConfigureAwait(false);
                        await using (source.ConfigureAwait(false))
                        {
                            await source.CopyToAsync(target, aborted).ConfigureAwait(false);
                        }
                    }

                    await output.DrainAsync(aborted).ConfigureAwait(false);
                }
            }

            await output.DrainAsync(aborted).ConfigureAwait(false);
        }, $"{runId}-model.zip");
    }

    private async Task<ApiResponse> FileAsync(string runId, Func<RunPaths, string> path, string contentType, string what, CancellationToken cancellationToken)
    {
        if (BadRunId(runId) is { } bad)
        {
            return bad;
        }

        var (containerName, blobName) = Split(path(new RunPaths(runId)));
        BlobDownloadStreamingResult download;
        try
        {
            download = (await _blobs.GetBlobContainerClient(containerName).GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return ApiResponse.Error(404, $"Run '{runId}' has no {what} ({containerName}/{blobName}) yet.");
        }

        return ApiResponse.Streamed(contentType, async (output, aborted) =>
        {
            using (download)
            {
                await download.Content.CopyToAsync(output, aborted).ConfigureAwait(false);
            }
        });
    }

    private static (string Container, string Name) Split(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return (path[..slash], path[(slash + 1)..]);
    }

    private static ApiResponse? BadRunId(string runId) =>
        RunIds.Problem(runId) is { } problem ? ApiResponse.Error(400, $"'{runId}' is not a run id: {problem}.", [new ApiErrorDetail("id", runId, problem)]) : null;
}
