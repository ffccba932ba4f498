using PairTuner.Workflow.Orchestration;

namespace PairTuner.Workflow.Activities;

/// <summary>The summary as the orchestration knows it; Publish adds the metrics from eval.json and writes it.</summary>
public sealed record PublishInput(RunSummary Summary);
