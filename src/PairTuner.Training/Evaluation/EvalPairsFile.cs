using PairTuner.Core.Formats;
using PairTuner.Core.Pairs;
using PairTuner.Core.Validation;

namespace PairTuner.Training.Evaluation;

/// <summary>
/// Reads a pairs file (JSON Lines, JSON array, CSV or TSV; format from the extension or the
/// content, as ingestion does) for evaluation. Unlike ingestion it keeps scores exactly as written
/// (STS-B's 0-5 stays 0-5): Spearman and Pearson do not change under a positive linear rescaling,
/// so the correlations are the same on any scale. The first bad record stops the read with its
/// file, line and field.
/// </summary>
public static class EvalPairsFile
{
    public static async Task<IReadOnlyList<Pair>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"--pairs '{path}' does not exist.", path);
        }

        await using var stream = File.OpenRead(path);
        var head = new byte[4096];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var bom = read >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
        var detection = PairsFormatDetector.Detect(path, head.AsSpan(bom, read - bom))
                        ?? throw new PairsFileException(new RowError(path, 0, null,
                            "the format is neither in the name (.jsonl, .json, .csv, .tsv) nor recognizable from the content"));
        stream.Position = bom;

        var pairs = new List<Pair>();
        await foreach (var row in PairsReader.ReadAsync(stream, detection.Format, path, new ValidationLimits(), cancellationToken).ConfigureAwait(false))
        {
            if (row.Error is { } error)
            {
                throw new PairsFileException(error);
            }

            var text1 = Require(row.Text1, "text1", path, row.Line);
            var text2 = Require(row.Text2, "text2", path, row.Line);
            if (row.Score is { } score && !double.IsFinite(score))
            {
                throw new PairsFileException(new RowError(path, row.Line, "score", "must be a finite number"));
            }

            pairs.Add(new Pair(text1, text2, row.Score, row.Negative, row.Group));
        }

        return pairs.Count > 0
            ? pairs
            : throw new PairsFileException(new RowError(path, 0, null, "holds no pairs to evaluate"));
    }

    private static string Require(string? text, string field, string path, long line)
        => string.IsNullOrWhiteSpace(text)
            ? throw new PairsFileException(new RowError(path, line, field, "is missing or empty"))
            : text.Trim();
}
