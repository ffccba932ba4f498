using System.Buffers;

namespace PairTuner.Core.Validation;

/// <summary>
/// The in-order half of validation: takes each record's <see cref="PairVerdict"/> in file order,
/// counts it into the report and drops exact duplicates of earlier pairs. Duplicates are found
/// by one 64-bit fingerprint per accepted pair in a <see cref="DuplicateFilter"/>, whose memory
/// is fixed (<c>limits.duplicateTableBytes</c>). Once it has spilled to disk, a repeat of a pair
/// from before the spill is found at the end of its batch: <see cref="EndBatch"/> takes such
/// pairs back and says which they were, so the caller can drop them from its shard.
/// </summary>
internal sealed class PairValidator : IDisposable
{
    private readonly DuplicateFilter _duplicates;
    private readonly ValidationReportBuilder _report;

    // The pairs accepted in this batch while runs are spilled: fingerprint, and what was counted.
    private ulong[] _batchFingerprints = [];
    private AcceptedAs[] _batchCounted = [];

    public PairValidator(ValidationReportBuilder report)
    {
        _report = report;
        _duplicates = new DuplicateFilter(report.Limits.DuplicateTableBytes);
    }

    /// <summary>Pairs accepted since the last <see cref="EndBatch"/>.</summary>
    public int AcceptedInBatch { get; private set; }

    /// <summary>True when the batch is full and <see cref="EndBatch"/> must be called before the next record.</summary>
    public bool BatchFull => AcceptedInBatch >= _duplicates.BatchSize;

    /// <summary>Counts the record; true when it is accepted (usable and not a duplicate, as far as is known yet).</summary>
    public bool Record(in PairVerdict verdict, RowError? error)
    {
        _report.Rows++;
        if (verdict.RawScore is { } raw)
        {
            _report.SeeScore(raw);
        }

        switch (verdict.Kind)
        {
            case VerdictKind.Rejected:
                _report.Reject(error!);
                return false;
            case VerdictKind.BelowMinScore:
                _report.BelowMinScore++;
                return false;
        }

        if (verdict.TextLabel)
        {
            _report.TextLabelsIgnored++;
        }

        if (verdict.Kind == VerdictKind.IdenticalTexts)
        {
            _report.IdenticalTexts++;
            return false;
        }

        if (!_duplicates.Add(verdict.Fingerprint))
        {
            _report.Duplicates++;
            return false;
        }

        var counted = AcceptedAs.Pair
            | (verdict.HasScore ? AcceptedAs.WithScore : 0)
            | (verdict.LowScore ? AcceptedAs.LowScore : 0)
            | (verdict.HasNegative ? AcceptedAs.WithNegative : 0)
            | (verdict.HasGroup ? AcceptedAs.WithGroup : 0);
        Count(counted, 1);
        if (_duplicates.HasSpilled)
        {
            Remember(verdict.Fingerprint, counted);
        }

        AcceptedInBatch++;
        return true;
    }

    /// <summary>
    /// Ends the batch: finds the pairs accepted in it that repeat a pair spilled to disk, counts
    /// them as duplicates instead, and returns their places among the batch's accepted pairs
    /// (from 0, ascending; usually none).
    /// </summary>
    public int[] EndBatch()
    {
        var late = _duplicates.HasSpilled && AcceptedInBatch > 0 ? FindLateDuplicates() : [];
        foreach (var place in late)
        {
            Count(_batchCounted[place], -1);
            _report.Duplicates++;
        }

        AcceptedInBatch = 0;
        _duplicates.EndBatch();
        return late;
    }

    /// <summary>Hints that a record with this fingerprint is coming (see <see cref="FingerprintSet.Prefetch"/>).</summary>
    public void Prefetch(ulong fingerprint) => _duplicates.Prefetch(fingerprint);

    public void Dispose() => _duplicates.Dispose();

    private void Count(AcceptedAs counted, int step)
    {
        _report.Accepted += step;
        _report.WithScore += (counted & AcceptedAs.WithScore) != 0 ? step : 0;
        _report.LowScores += (counted & AcceptedAs.LowScore) != 0 ? step : 0;
        _report.WithNegative += (counted & AcceptedAs.WithNegative) != 0 ? step : 0;
        _report.WithGroup += (counted & AcceptedAs.WithGroup) != 0 ? step : 0;
    }

    private void Remember(ulong fingerprint, AcceptedAs counted)
    {
        if (AcceptedInBatch == _batchFingerprints.Length)
        {
            var size = Math.Max(1024, AcceptedInBatch * 2);
            Array.Resize(ref _batchFingerprints, size);
            Array.Resize(ref _batchCounted, size);
        }

        _batchFingerprints[AcceptedInBatch] = fingerprint;
        _batchCounted[AcceptedInBatch] = counted;
    }

    private int[] FindLateDuplicates()
    {
        var count = AcceptedInBatch;
        var places = ArrayPool<int>.Shared.Rent(count);
        var found = ArrayPool<bool>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                places[i] = i;
            }

            // Sorted, the batch is answered by one pass over each spilled run.
            var sorted = _batchFingerprints.AsSpan(0, count);
            sorted.Sort(places.AsSpan(0, count));
            found.AsSpan(0, count).Clear();
            _duplicates.FindSpilled(sorted, found.AsSpan(0, count));

            var late = new List<int>();
            for (var i = 0; i < count; i++)
            {
                if (found[i])
                {
                    late.Add(places[i]);
                }
            }

            late.Sort();
            return [.. late];
        }
        finally
        {
            ArrayPool<int>.Shared.Return(places);
            ArrayPool<bool>.Shared.Return(found);
        }
    }

    [Flags]
    private enum AcceptedAs : byte
    {
        Pair = 1,
        WithScore = 2,
        LowScore = 4,
        WithNegative = 8,
        WithGroup = 16,
    }
}
