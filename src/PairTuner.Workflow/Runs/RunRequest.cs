using PairTuner.Contracts.Options;

namespace PairTuner.Workflow.Runs;

/// <summary>
/// The orchestration's input: which run, which pairs blob, and the options already merged
/// (app settings &lt; blob metadata &lt; HTTP body) and validated. Small by design: the
/// orchestration's history holds names, never pair data.
/// </summary>
/// <param name="RunId">Derived from the blob name and ETag (one upload, one run) or chosen by the API.</param>
/// <param name="Input">Artifact path of the pairs file, e.g. <c>pairs/tickets.jsonl</c>.</param>
/// <param name="Options">Every data and training option of the run.</param>
public sealed record RunRequest(string RunId, string Input, RunOptions Options)
{
    /// <summary>Set only by the orchestration itself when it continues a long monitor as new; null from every starter.</summary>
    public Orchestration.RunContinuation? Continuation { get; init; }
}
