using PairTuner.Workflow.Launchers;

namespace PairTuner.Workflow.Orchestration;

/// <summary>
/// What the monitor carries across <c>ContinueAsNew</c>: a long training run restarts the
/// orchestration's history every few hundred polls so that replay stays cheap.
/// </summary>
public sealed record RunContinuation(
    RunSummary Summary,
    IReadOnlyList<string> Train,
    IReadOnlyList<string> Eval,
    int Attempt,
    TrainerExecution Trainer,
    RunProgress Progress,
    int Generation);
