using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Runs;
using PairTuner.Contracts.Storage;
using PairTuner.Workflow.Activities;
using PairTuner.Workflow.Launchers;
using PairTuner.Workflow.Runs;
using PairTuner.Workflow.Storage;

namespace PairTuner.Workflow.Trainer;

/// <summary>Writes <c>runs/{id}/job.json</c> (Core's <see cref="TrainingJob"/>) and launches a trainer on it.</summary>
public sealed class TrainerStarter(IArtifactStore store, ITrainerLauncher launcher)
{
    public async Task<TrainerExecution> StartAsync(StartTrainingInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var paths = new RunPaths(input.RunId);
        var job = CreateJob(input, paths);
        await store.WriteJsonAsync(paths.Job, job, cancellationToken).ConfigureAwait(false);
        return await launcher.LaunchAsync(new TrainerLaunchRequest(input.RunId, paths.Job, input.Attempt), cancellationToken).ConfigureAwait(false);
    }

    public static TrainingJob CreateJob(StartTrainingInput input, RunPaths paths)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(paths);
        return new TrainingJob
        {
            RunId = input.RunId,
            Train = input.Train,
            Eval = input.Eval,
            OutputModel = paths.Model,
            Checkpoints = paths.Checkpoints,
            Status = paths.Status,
            EvalReport = paths.EvalReport,
            ReportHtml = paths.ReportHtml,
            TrainingLog = paths.TrainingLog,
            Options = input.Options,
            LabelsSynthetic = input.LabelsSynthetic,

            // Every relaunch continues from the newest checkpoint; the first starts from the base model.
            Resume = input.Attempt > 1,
            Attempt = input.Attempt,
        };
    }
}
