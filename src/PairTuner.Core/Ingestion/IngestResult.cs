using PairTuner.Core.Validation;

namespace PairTuner.Core.Ingestion;

/// <summary>What ingest produced: the report, the shards and where the report was written.</summary>
public sealed record IngestResult
{
    public required ValidationReport Report { get; init; }

    /// <summary><c>{runPrefix}shards/{k}.jsonl</c>, k = 0..n-1; empty when the file is fatal.</summary>
    public required IReadOnlyList<string> ShardPaths { get; init; }

    /// <summary><c>{runPrefix}validation.json</c>; null when only validating.</summary>
    public string? ValidationPath { get; init; }

    /// <summary>True when the file cannot be trained on; <see cref="ValidationReport.FatalReason"/> says why.</summary>
    public bool Fatal => Report.Fatal;
}
