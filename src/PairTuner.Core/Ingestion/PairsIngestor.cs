using System.Globalization;
using System.Text.Json;
using PairTuner.Contracts.Runs;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Formats;
using PairTuner.Core.Serialization;
using PairTuner.Core.Sharding;
using PairTuner.Core.Splitting;
using PairTuner.Core.Streams;
using PairTuner.Core.Validation;

namespace PairTuner.Core.Ingestion;

/// <summary>
/// Ingest, the first stage of a run: streams a pairs file once, validates every record, and
/// writes the usable pairs as normalized shards plus <c>validation.json</c>. Memory is bounded by
/// the shard being built (<c>shardSize</c>) and one fingerprint per usable pair (<c>limits.maxPairs</c>).
/// </summary>
public static class PairsIngestor
{
    /// <summary>
    /// Validates <paramref name="input"/> and writes <c>{runPrefix}shards/{k}.jsonl</c> and
    /// <c>{runPrefix}validation.json</c> to <paramref name="store"/>. A fatal file leaves only its
    /// report (no shards). Bad options throw <see cref="ArgumentException"/>; bad data never throws.
    /// </summary>
    public static Task<IngestResult> IngestAsync(
        Stream input,
        string fileName,
        IngestOptions options,
        IArtifactStore store,
        string runPrefix,
        CancellationToken cancellationToken = default)
        => IngestAsync(input, fileName, options, store, runPrefix, shardWritten: null, cancellationToken);

    /// <summary>
    /// As above, handing each shard to <paramref name="shardWritten"/> (with its index) as soon as
    /// it is in the store, before the file is finished; the callee owns the shard. If the file then
    /// turns out fatal, its shards are deleted and the caller must drop what it made of them.
    /// </summary>
    internal static async Task<IngestResult> IngestAsync(
        Stream input,
        string fileName,
        IngestOptions options,
        IArtifactStore store,
        string runPrefix,
        Func<int, Shard, Task>? shardWritten,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        options.Validate();
        RunPaths.CheckPrefix(runPrefix);

        ValidationReport report;
        IReadOnlyList<string> shards;
        var writer = new ShardWriter(store, runPrefix, options.ShardSize, shardWritten);
        await using (writer.ConfigureAwait(false))
        {
            var builder = await ReadAsync(input, fileName, options, writer, cancellationToken).ConfigureAwait(false);
            shards = builder.FatalReason is null ? await writer.CompleteAsync(cancellationToken).ConfigureAwait(false) : [];
            builder.Shards = shards.Count;
            report = builder.Build(options.MinUsablePairs, options.Scoring);
            if (report.Fatal)
            {
                await writer.DeleteWrittenAsync(cancellationToken).ConfigureAwait(false);
                shards = [];
                report = report with { Shards = 0 };
            }
            else
            {
                shards = [.. shards];
            }
        }

        var validationPath = RunPaths.ValidationUnder(runPrefix);
        using (var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(report, PairTunerJson.Options)))
        {
            await store.WriteAsync(validationPath, json, cancellationToken).ConfigureAwait(false);
        }

        return new IngestResult { Report = report, ShardPaths = shards, ValidationPath = validationPath };
    }

    /// <summary><see cref="IngestAsync(Stream, string, IngestOptions, IArtifactStore, string, CancellationToken)"/> for a local file.</summary>
    public static async Task<IngestResult> IngestFileAsync(
        string path,
        IngestOptions options,
        IArtifactStore store,
        string runPrefix,
        CancellationToken cancellationToken = default)
        => await IngestFileAsync(path, options, store, runPrefix, shardWritten: null, cancellationToken).ConfigureAwait(false);

    internal static async Task<IngestResult> IngestFileAsync(
        string path,
        IngestOptions options,
        IArtifactStore store,
        string runPrefix,
        Func<int, Shard, Task>? shardWritten,
        CancellationToken cancellationToken = default)
    {
        var file = OpenLocal(path);
        await using (file.ConfigureAwait(false))
        {
            return await IngestAsync(file, path, options, store, runPrefix, shardWritten, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads and validates the whole file without writing anything: <c>pairtuner validate</c>.</summary>
    public static async Task<ValidationReport> ValidateAsync(
        Stream input,
        string fileName,
        IngestOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = await ReadAsync(input, fileName, options, null, cancellationToken).ConfigureAwait(false);
        return builder.Build(options.MinUsablePairs, options.Scoring);
    }

    public static async Task<ValidationReport> ValidateFileAsync(string path, IngestOptions options, CancellationToken cancellationToken = default)
    {
        var file = OpenLocal(path);
        await using (file.ConfigureAwait(false))
        {
            return await ValidateAsync(file, path, options, cancellationToken).ConfigureAwait(false);
        }
    }

    private static FileStream OpenLocal(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }

    private static async Task<ValidationReportBuilder> ReadAsync(
        Stream input,
        string fileName,
        IngestOptions options,
        ShardWriter? shards,
        CancellationToken cancellationToken)
    {
        var limits = options.Limits;
        var report = new ValidationReportBuilder(fileName, limits);
        var compressed = CompressedPairsFile.IsCompressed(fileName);
        if (!compressed && input.CanSeek && input.Length - input.Position > limits.MaxFileBytes)
        {
            report.Bytes = input.Length - input.Position;
            report.Fail(TooLarge(fileName, report.Bytes, limits, compressed));
            return report;
        }

        // The count sits after decompression: a .gz file is held to the limit by what it expands to.
        var plain = CompressedPairsFile.OpenPlain(input, fileName);
        var counting = new CountingReadStream(plain, limits.MaxFileBytes);
        try
        {
            var head = await ReadHeadAsync(counting, cancellationToken).ConfigureAwait(false);
            if (head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
            {
                report.Fail($"'{fileName}' is UTF-16 encoded; PairTuner reads UTF-8 (with or without BOM). Save the file as UTF-8.");
                return report;
            }

            var body = head.AsMemory();
            if (body.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                body = body[3..];
            }

            if (head.Length < PairsFormatDetector.SniffBytes && body.Span.Trim(" \t\r\n"u8).IsEmpty)
            {
                // The whole file is blank: the report calls it empty, whatever its format.
                return report;
            }

            var detection = PairsFormatDetector.Detect(CompressedPairsFile.InnerName(fileName), body.Span, options.Format);
            if (detection is null)
            {
                if (!body.Span.Trim(" \t\r\n"u8).IsEmpty)
                {
                    report.Fail($"Cannot tell the format of '{fileName}': name it .json (array of pairs), .jsonl, .csv or .tsv, or give the format.");
                }

                return report;
            }

            report.Format = detection;
            if (detection.Warning is not null)
            {
                report.Warn(detection.Warning);
            }

            var validator = new PairValidator(report, options.Scoring);
            // A local file's length and its first rows tell how many pairs to expect.
            var fileBytes = !compressed && input.CanSeek ? input.Length : 0;
            var rows = PairsReader.ReadAsync(new ReplayStream(body, counting), detection.Format, fileName, limits, cancellationToken);
            await foreach (var row in rows.ConfigureAwait(false))
            {
                if (report.Rows == EstimateAfterRows && fileBytes > 0)
                {
                    validator.Expect(fileBytes / Math.Max(counting.BytesRead / EstimateAfterRows, 1) * 9 / 8);
                }

                if (validator.Take(row, out var text1, out var text2) is not { } pair)
                {
                    continue;
                }

                shards?.Add(pair, text1, text2);
                if (report.Accepted > limits.MaxPairs)
                {
                    report.Fail(string.Create(CultureInfo.InvariantCulture, $"'{fileName}' has more than {limits.MaxPairs:N0} usable pairs (limits.maxPairs); split it or raise the limit."));
                    break;
                }

                if (shards is { IsFull: true })
                {
                    await shards.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (FileTooLargeException)
        {
            report.Fail(TooLarge(fileName, counting.BytesRead, limits, compressed));
        }
        catch (PairsFileException e)
        {
            report.Fail($"{e.Error} (reading stopped here)", e.Error);
        }
        catch (InvalidDataException e) when (compressed)
        {
            report.Fail($"'{fileName}' is not a valid gzip file ({e.Message}); compress it with gzip or drop the .gz from its name.");
        }
        finally
        {
            report.Bytes = counting.BytesRead;
            if (!ReferenceEquals(plain, input))
            {
                await plain.DisposeAsync().ConfigureAwait(false);
            }
        }

        return report;
    }

    private const int EstimateAfterRows = 10_000;

    private static async Task<byte[]> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new byte[PairsFormatDetector.SniffBytes];
        var filled = 0;
        while (filled < head.Length)
        {
            var read = await stream.ReadAsync(head.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled == head.Length ? head : head[..filled];
    }

    private static string TooLarge(string fileName, long bytes, ValidationLimits limits, bool compressed)
        => compressed
            ? string.Create(CultureInfo.InvariantCulture, $"'{fileName}' expands to more than the limit of {limits.MaxFileBytes:N0} bytes (limits.maxFileBytes, counted after decompression); read {bytes:N0} bytes.")
            : string.Create(CultureInfo.InvariantCulture, $"'{fileName}' is larger than the limit of {limits.MaxFileBytes:N0} bytes (limits.maxFileBytes); read {bytes:N0} bytes.");
}
