using Microsoft.DurableTask;
using PairTuner.Workflow.Launchers;
using PairTuner.Workflow.Trainer;

namespace PairTuner.Workflow.Activities;

/// <summary>Stops a trainer (cancel, timeout, hung trainer).</summary>
[DurableTask(Name)]
public sealed class StopTrainerActivity(TrainerMonitor monitor) : TaskActivity<TrainerExecution, bool>
{
    public const string Name = "StopTrainer";

    public override async Task<bool> RunAsync(TaskActivityContext context, TrainerExecution input)
    {
        await monitor.StopAsync(input).ConfigureAwait(false);
        return true;
    }
}
