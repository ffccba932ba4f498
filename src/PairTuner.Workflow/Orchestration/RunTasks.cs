using Microsoft.DurableTask;
using PairTuner.Workflow.Activities;

namespace PairTuner.Workflow.Orchestration;

/// <summary>Registers the run's orchestrator and activities under the names the orchestration calls.</summary>
public static class RunTasks
{
    public static DurableTaskRegistry AddRunTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator<RunOrchestration>(RunOrchestration.Name);
        registry.AddActivity<IngestActivity>(IngestActivity.Name);
        registry.AddActivity<ScoreAndSplitActivity>(ScoreAndSplitActivity.Name);
        registry.AddActivity<StartTrainingActivity>(StartTrainingActivity.Name);
        registry.AddActivity<CheckTrainerActivity>(CheckTrainerActivity.Name);
        registry.AddActivity<StopTrainerActivity>(StopTrainerActivity.Name);
        registry.AddActivity<PublishActivity>(PublishActivity.Name);
        registry.AddActivity<RecordFailureActivity>(RecordFailureActivity.Name);
        return registry;
    }
}
