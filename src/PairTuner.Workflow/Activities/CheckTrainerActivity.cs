using Microsoft.DurableTask;
using PairTuner.Workflow.Trainer;

namespace PairTuner.Workflow.Activities;

/// <summary>Reads the trainer's heartbeat and the launcher's state.</summary>
[DurableTask(Name)]
public sealed class CheckTrainerActivity(TrainerMonitor monitor) : TaskActivity<CheckTrainerInput, TrainerCheck>
{
    public const string Name = "CheckTrainer";

    public override Task<TrainerCheck> RunAsync(TaskActivityContext context, CheckTrainerInput input)
        => monitor.CheckAsync(input);
}
