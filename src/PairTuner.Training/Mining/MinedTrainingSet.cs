using System.Text;
using System.Text.Json;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Pairs;
using PairTuner.Core.Serialization;
using PairTuner.Core.Sharding;
using PairTuner.Training.Evaluation;

namespace PairTuner.Training.Mining;

/// <summary>
/// Mining as one step of a run: the mined rows and the summary are stored next to the checkpoints
/// (<c>mined-negatives.jsonl</c>, then <c>mined-negatives.json</c>, whose presence marks the pair
/// complete), so a relaunched trainer resumes on exactly the rows its checkpoints were trained on
/// instead of mining again with weights that have moved on.
/// </summary>
public sealed class MinedTrainingSet
{
    public const string RowsFile = "mined-negatives.jsonl";
    public const string SummaryFile = "mined-negatives.json";

    private readonly IArtifactStore _store;
    private readonly string _prefix;

    /// <param name="prefix">The run's checkpoint prefix, e.g. <c>runs/{id}/checkpoints/</c>.</param>
    public MinedTrainingSet(IArtifactStore store, string prefix)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        ArgumentNullException.ThrowIfNull(prefix);
        _prefix = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";
    }

    public string RowsPath => _prefix + RowsFile;

    public string SummaryPath => _prefix + SummaryFile;

    /// <summary>The stored rows when <paramref name="resume"/> finds them, else freshly mined (and stored).</summary>
    public async Task<MiningResult> LoadOrMineAsync(
        IReadOnlyList<Pair> pairs, ITextEmbedder model, HardNegativeMinerOptions options, bool resume, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(model);
        if (resume && await _store.ExistsAsync(SummaryPath, cancellationToken).ConfigureAwait(false))
        {
            var rows = await PairJsonLines.ReadAllAsync(_store, RowsPath, cancellationToken).ConfigureAwait(false);
            var stream = await _store.OpenReadAsync(SummaryPath, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var summary = await JsonSerializer.DeserializeAsync<MiningSummary>(stream, PairTunerJson.Options, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidDataException($"{SummaryPath}: holds 'null', not a mining summary.");
                return new MiningResult(rows, summary);
            }
        }

        var result = new HardNegativeMiner(options).Mine(pairs, model, cancellationToken);
        await PairJsonLines.WriteAsync(_store, RowsPath, result.Pairs, cancellationToken).ConfigureAwait(false);
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(result.Summary, PairTunerJson.Options)));
        await _store.WriteAsync(SummaryPath, content, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>The one line the report and the console print about mining.</summary>
    public static string Describe(MiningSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var text = $"Hard negatives mined for {summary.PairsMined} of {summary.Pairs} training pairs ({summary.NegativesMined} negatives from {summary.CorpusTexts} candidate texts, {summary.Seconds:0.0} s)";
        if (summary.PairsWithoutCandidates > 0)
        {
            text += $"; {summary.PairsWithoutCandidates} found no candidate inside the range and margin and train without one";
        }

        if (summary.PairsWithOwnNegative > 0)
        {
            text += $"; {summary.PairsWithOwnNegative} kept the negative from the file";
        }

        return text + ".";
    }
}
