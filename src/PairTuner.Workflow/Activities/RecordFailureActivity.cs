using Microsoft.DurableTask;
using PairTuner.Workflow.Publishing;

namespace PairTuner.Workflow.Activities;

/// <summary>Writes error.json.</summary>
[DurableTask(Name)]
public sealed class RecordFailureActivity(FailureRecorder recorder) : TaskActivity<RunError, bool>
{
    public const string Name = "RecordFailure";

    public override async Task<bool> RunAsync(TaskActivityContext context, RunError input)
    {
        await recorder.RecordAsync(input).ConfigureAwait(false);
        return true;
    }
}
