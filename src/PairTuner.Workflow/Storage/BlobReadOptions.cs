namespace PairTuner.Workflow.Storage;

/// <summary>How <see cref="BlobArtifactStore"/> reads a blob: in ranges of <see cref="RangeSize"/>, <see cref="RangesAhead"/> of them downloading while the reader works.</summary>
public sealed record BlobReadOptions
{
    /// <summary>Bytes per range request (8 MiB: a typical shard in one or two requests, few round trips for a large pairs file).</summary>
    public int RangeSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>Ranges downloading ahead of the reader (at least 1); memory per open blob is about (this + 1) x <see cref="RangeSize"/>.</summary>
    public int RangesAhead { get; init; } = 3;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(RangeSize, 1024, nameof(RangeSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(RangesAhead, 1, nameof(RangesAhead));
    }
}
