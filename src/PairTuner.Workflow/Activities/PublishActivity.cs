using Microsoft.DurableTask;
using PairTuner.Workflow.Orchestration;
using PairTuner.Workflow.Publishing;

namespace PairTuner.Workflow.Activities;

/// <summary>Writes summary.json with the metrics from eval.json.</summary>
[DurableTask(Name)]
public sealed class PublishActivity(SummaryPublisher publisher) : TaskActivity<PublishInput, RunSummary>
{
    public const string Name = "Publish";

    public override Task<RunSummary> RunAsync(TaskActivityContext context, PublishInput input)
        => publisher.PublishAsync(input.Summary);
}
