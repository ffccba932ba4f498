using System.Buffers;
using PairTuner.Core.Formats;
using PairTuner.Core.Scoring;

namespace PairTuner.Core.Validation;

/// <summary>Checks a whole block of records with one <see cref="PairCheck"/>: what each worker core runs.</summary>
internal sealed record BlockCheck(string File, ValidationLimits Limits, ScoringOptions Scoring, bool WithLines)
{
    /// <summary>JSON Lines: parses each line straight from its UTF-8 bytes.</summary>
    public CheckedBlock Check(LineBlock block)
    {
        // Normalized lines are about as long as the records, plus a score.
        var result = new CheckedBlock(block.Count, block.Bytes + (block.Count * 24), WithLines);
        using var check = new PairCheck(Limits, Scoring, File, result.Lines);
        var scratch = ArrayPool<byte>.Shared.Rent(Math.Max(block.LongestLine, 16));
        try
        {
            for (var i = 0; i < block.Count; i++)
            {
                if (block.IsTooLong(i))
                {
                    result.Reject(JsonLinesPairsReader.LineTooLong(File, block.Number(i), Limits));
                }
                else if (JsonPairParser.Parse(block.Line(i), File, block.Number(i), scratch, out var fields) is { } error)
                {
                    result.Reject(error);
                }
                else
                {
                    result.Add(check.Check(fields, out var checkError), checkError);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }

        return result;
    }

    /// <summary>Rows of a string-based reader (CSV, TSV, JSON array).</summary>
    public CheckedBlock Check(IReadOnlyList<PairRow> rows)
    {
        var result = new CheckedBlock(rows.Count, 1 << 12, WithLines);
        using var check = new PairCheck(Limits, Scoring, File, result.Lines);
        var scratch = new ArrayBufferWriter<byte>(1 << 12);
        foreach (var row in rows)
        {
            if (row.Error is { } error)
            {
                result.Reject(error);
                continue;
            }

            scratch.ResetWrittenCount();
            var fields = PairFields.Of(row, scratch.GetSpan(PairFields.ScratchBytes(row)));
            result.Add(check.Check(fields, out var checkError), checkError);
        }

        return result;
    }
}
