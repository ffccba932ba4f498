using PairTuner.Core.Jobs;
using PairTuner.Training.Evaluation;
using PairTuner.Training.Reporting;

namespace PairTuner.Training.Trainer;

/// <summary>
/// One fine-tuning run end to end, as the reference script does it: evaluate the base model on the
/// eval pairs, fit, evaluate the tuned model, save it. Stage changes and every step are reported
/// through callbacks so the CLI can draw a progress bar and the job runner can heartbeat.
/// </summary>
public sealed class TrainingRun
{
    private readonly ISentenceModel _model;

    public TrainingRun(ISentenceModel model)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
    }

    public Action<TrainerStage>? OnStage { get; init; }

    public Action<TrainingProgress>? OnStep { get; init; }

    public Action<string>? OnCheckpoint { get; init; }

    /// <summary>Awaited before every checkpoint is saved (see <see cref="TrainingLoop.BeforeCheckpointAsync"/>).</summary>
    public Func<long, CancellationToken, Task>? BeforeCheckpointAsync { get; init; }

    public async Task<TrainingRunResult> RunAsync(TrainingRunInputs inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var evaluation = new PairEvaluationOptions { LabelsSynthetic = inputs.LabelsSynthetic };

        OnStage?.Invoke(TrainerStage.EvaluatingBase);
        _model.SetTraining(false);
        var baseResult = PairEvaluator.Evaluate(inputs.Eval, _model, evaluation, cancellationToken);

        OnStage?.Invoke(TrainerStage.Training);
        var loop = new TrainingLoop(_model, inputs.Train, inputs.Options) { OnStep = OnStep, OnCheckpoint = OnCheckpoint, BeforeCheckpointAsync = BeforeCheckpointAsync };
        var training = await loop.RunAsync(inputs.Checkpoints, inputs.Resume, cancellationToken).ConfigureAwait(false);

        OnStage?.Invoke(TrainerStage.EvaluatingTuned);
        _model.SetTraining(false);
        var tunedResult = PairEvaluator.Evaluate(inputs.Eval, _model, evaluation, cancellationToken);

        OnStage?.Invoke(TrainerStage.Saving);
        var folder = _model.Save(inputs.ModelFolder);

        var log = inputs.PreviousLog.Where(e => e.Step <= training.ResumedFromStep)
            .Concat(training.Log.Select(ToLogEntry))
            .ToArray();
        var report = EvalReport.Create(
            baseResult,
            tunedResult,
            inputs.Options,
            inputs.Train.Count,
            training.Elapsed.TotalSeconds,
            inputs.RunId);
        if (training.ResumedFromStep > 0)
        {
            report = report with { Notes = [.. report.Notes, $"Training resumed from the checkpoint at step {training.ResumedFromStep}."] };
        }

        return new TrainingRunResult { Report = report, Log = log, ModelFolder = folder, Training = training };
    }

    public static TrainingLogEntry ToLogEntry(TrainingProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return new TrainingLogEntry
        {
            Step = progress.Step,
            Epoch = progress.Epoch - 1,
            Loss = progress.Loss,
            LearningRate = progress.LearningRate,
            PairsPerSecond = progress.PairsPerSecond,
            ElapsedSeconds = progress.Elapsed.TotalSeconds,
        };
    }
}
