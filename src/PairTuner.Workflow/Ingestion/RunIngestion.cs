using System.Text;
using PairTuner.Core.Storage;
using PairTuner.Workflow.Activities;
using PairTuner.Workflow.Runs;
using PairTuner.Workflow.Storage;

namespace PairTuner.Workflow.Ingestion;

/// <summary>
/// The Ingest and ScoreAndSplit steps of a run over an <see cref="IArtifactStore"/>.
/// INTERIM: a line-per-pair pass-through until PairTuner.Core's PairsIngestor/ShardSplitter land.
/// </summary>
public sealed class RunIngestion(IArtifactStore store)
{
    public async Task<IngestOutcome> IngestAsync(IngestInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var paths = new RunPaths(input.RunId);
        await store.WriteJsonAsync(paths.Request, new RunRequest(input.RunId, input.Input, input.Options), cancellationToken).ConfigureAwait(false);

        var lines = new List<string>();
        await using (var stream = await store.OpenReadAsync(input.Input, cancellationToken).ConfigureAwait(false))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Trim().Length > 0)
                {
                    lines.Add(line);
                }
            }
        }

        await store.WriteJsonAsync(paths.Validation, new { input = input.Input, pairs = lines.Count }, cancellationToken).ConfigureAwait(false);
        if (lines.Count == 0)
        {
            return new IngestOutcome([], 0, 0, $"{input.Input} has no usable pairs; see {paths.Validation}.");
        }

        var shards = new List<string>();
        foreach (var chunk in lines.Chunk(Math.Max(1, input.Options.ShardSize)))
        {
            var path = paths.Shard(shards.Count);
            await WriteLinesAsync(path, chunk, cancellationToken).ConfigureAwait(false);
            shards.Add(path);
        }

        return new IngestOutcome(shards, lines.Count, 0, null);
    }

    public async Task<ShardOutcome> ScoreAndSplitAsync(ShardInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var paths = new RunPaths(input.RunId);
        var lines = new List<string>();
        await using (var stream = await store.OpenReadAsync(input.Shard, cancellationToken).ConfigureAwait(false))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                lines.Add(line);
            }
        }

        var random = new Random(input.Options.DataSeed + input.ShardIndex);
        var order = lines.OrderBy(_ => random.Next()).ToList();
        var train = (int)Math.Floor(order.Count * input.Options.TrainFraction);
        await WriteLinesAsync(paths.Train(input.ShardIndex), order.Take(train), cancellationToken).ConfigureAwait(false);
        await WriteLinesAsync(paths.Eval(input.ShardIndex), order.Skip(train), cancellationToken).ConfigureAwait(false);
        return new ShardOutcome(input.ShardIndex, paths.Train(input.ShardIndex), paths.Eval(input.ShardIndex), train, order.Count - train, LabelsSynthetic: true);
    }

    private async Task WriteLinesAsync(string path, IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true))
        {
            foreach (var line in lines)
            {
                await writer.WriteLineAsync(line).ConfigureAwait(false);
            }
        }

        buffer.Position = 0;
        await store.WriteAsync(path, buffer, cancellationToken).ConfigureAwait(false);
    }
}
