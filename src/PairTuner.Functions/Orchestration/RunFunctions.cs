using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using PairTuner.Workflow.Activities;
using PairTuner.Workflow.Ingestion;
using PairTuner.Workflow.Launchers;
using PairTuner.Workflow.Orchestration;
using PairTuner.Workflow.Publishing;
using PairTuner.Workflow.Runs;
using PairTuner.Workflow.Trainer;

namespace PairTuner.Functions.Orchestration;

/// <summary>
/// The run's orchestrator and activities as Functions, under the names the orchestration calls.
/// Each one only hands over to the class that does the work in PairTuner.Workflow (the same ones
/// the local host registers), so both hosts run the same orchestration and the same steps.
/// </summary>
public sealed class RunFunctions(
    RunIngestion ingestion,
    TrainerStarter trainerStarter,
    TrainerMonitor trainerMonitor,
    SummaryPublisher publisher,
    FailureRecorder failures)
{
    [Function(RunOrchestration.Name)]
    public static Task<RunSummary> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.GetInput<RunRequest>()
            ?? throw new InvalidOperationException($"Run {context.InstanceId} has no input: start runs through POST /api/runs or an upload to pairs/.");
        return new RunOrchestration().RunAsync(context, request);
    }

    [Function(IngestActivity.Name)]
    public Task<IngestOutcome> IngestAsync([ActivityTrigger] IngestInput input) => ingestion.IngestAsync(input);

    [Function(ScoreAndSplitActivity.Name)]
    public Task<ShardOutcome> ScoreAndSplitAsync([ActivityTrigger] ShardInput input) => ingestion.ScoreAndSplitAsync(input);

    [Function(StartTrainingActivity.Name)]
    public Task<TrainerExecution> StartTrainingAsync([ActivityTrigger] StartTrainingInput input) => trainerStarter.StartAsync(input);

    [Function(CheckTrainerActivity.Name)]
    public Task<TrainerCheck> CheckTrainerAsync([ActivityTrigger] CheckTrainerInput input) => trainerMonitor.CheckAsync(input);

    [Function(StopTrainerActivity.Name)]
    public async Task<bool> StopTrainerAsync([ActivityTrigger] TrainerExecution input)
    {
        await trainerMonitor.StopAsync(input).ConfigureAwait(false);
        return true;
    }

    [Function(PublishActivity.Name)]
    public Task<RunSummary> PublishAsync([ActivityTrigger] PublishInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return publisher.PublishAsync(input.Summary);
    }

    [Function(RecordFailureActivity.Name)]
    public async Task<bool> RecordFailureAsync([ActivityTrigger] RunError input)
    {
        await failures.RecordAsync(input).ConfigureAwait(false);
        return true;
    }
}
