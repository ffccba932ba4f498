namespace PairTuner.Workflow.Orchestration;

/// <summary>One metric of the evaluation for the base model and the tuned one.</summary>
public sealed record MetricComparison(double? Base, double? Tuned);
