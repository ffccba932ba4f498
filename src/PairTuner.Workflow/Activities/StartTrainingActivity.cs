using Microsoft.DurableTask;
using PairTuner.Workflow.Launchers;
using PairTuner.Workflow.Trainer;

namespace PairTuner.Workflow.Activities;

/// <summary>Writes job.json and launches the trainer.</summary>
[DurableTask(Name)]
public sealed class StartTrainingActivity(TrainerStarter starter) : TaskActivity<StartTrainingInput, TrainerExecution>
{
    public const string Name = "StartTraining";

    public override Task<TrainerExecution> RunAsync(TaskActivityContext context, StartTrainingInput input)
        => starter.StartAsync(input);
}
