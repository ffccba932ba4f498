namespace PairTuner.Core.Validation;

/// <summary>
/// Exact duplicate detection in a fixed amount of memory, whatever the file's size. Fingerprints
/// go into a <see cref="FingerprintSet"/> of at most <c>limits.duplicateTableBytes</c>; when it
/// is full it is sorted and moved to a temporary file (<see cref="SpilledFingerprints"/>) and
/// starts again empty. A fingerprint is checked against the table as it comes, and against the
/// spilled runs a batch at a time (<see cref="FindSpilled"/>): a pair that repeats one from
/// before a spill is only known to be a duplicate at the end of its batch.
/// </summary>
internal sealed class DuplicateFilter : IDisposable
{
    private readonly FingerprintSet _recent = new();
    private readonly List<SpilledFingerprints> _spilled = [];
    private readonly long _capacity;
    private readonly string _spillFolder;

    /// <param name="tableBytes">The most the in-memory table may take.</param>
    /// <param name="spillFolder">Where full tables go (default: the temporary folder).</param>
    public DuplicateFilter(long tableBytes, string? spillFolder = null)
    {
        _capacity = FingerprintSet.CapacityFor(tableBytes);
        _spillFolder = spillFolder ?? Path.GetTempPath();

        // A quarter of the table: a batch is checked against the spilled runs in one read of each,
        // and the table always has room for one more batch before it must spill.
        BatchSize = (int)Math.Max(1, _capacity / 4);
    }

    /// <summary>Most fingerprints between two <see cref="EndBatch"/> calls.</summary>
    public int BatchSize { get; }

    /// <summary>True once a table has been spilled: new fingerprints must then be checked in batches too.</summary>
    public bool HasSpilled => _spilled.Count > 0;

    /// <summary>Fingerprints moved to disk so far.</summary>
    public long SpilledCount => _spilled.Sum(run => run.Count);

    /// <summary>Adds a fingerprint to the table; false when the table already has it (a duplicate for certain).</summary>
    public bool Add(ulong fingerprint) => _recent.Add(fingerprint);

    /// <summary>See <see cref="FingerprintSet.Prefetch"/>.</summary>
    public void Prefetch(ulong fingerprint) => _recent.Prefetch(fingerprint);

    /// <summary>
    /// Marks in <paramref name="found"/> each fingerprint of <paramref name="sorted"/> (ascending,
    /// no repeats) that a spilled run holds.
    /// </summary>
    public void FindSpilled(ReadOnlySpan<ulong> sorted, Span<bool> found)
    {
        foreach (var run in _spilled)
        {
            run.Find(sorted, found);
        }
    }

    /// <summary>Ends a batch: spills the table if the next batch might not fit in it.</summary>
    public void EndBatch()
    {
        if (_recent.Count + BatchSize > _capacity)
        {
            _spilled.Add(SpilledFingerprints.MoveFrom(_recent, _spillFolder));
        }
    }

    public void Dispose()
    {
        _recent.Dispose();
        foreach (var run in _spilled)
        {
            run.Dispose();
        }

        _spilled.Clear();
    }
}
