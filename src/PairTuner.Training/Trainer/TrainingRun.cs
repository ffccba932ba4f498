using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Storage;
using PairTuner.Contracts.Verdicts;
using PairTuner.Core.Pairs;
using PairTuner.Training.Evaluation;
using PairTuner.Training.Reporting;
using PairTuner.Training.Selection;

namespace PairTuner.Training.Trainer;

/// <summary>
/// One fine-tuning run end to end, as sentence-transformers' trainer with <c>load_best_model_at_end</c>
/// does it: evaluate the base model, train with an evaluation after each epoch (and every
/// <see cref="TrainingOptions.EvalSteps"/> steps), keep the weights of the best evaluation by
/// <see cref="TrainingOptions.SelectionMetric"/> (the base model counts), then judge the kept
/// weights against the base on the whole eval split and save what the verdict allows: never a model
/// the evaluation found worse than the base. Stage changes, steps and evaluations are reported
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

    /// <summary>Called after each evaluation with it and the best so far.</summary>
    public Action<TrainingEvaluation, TrainingEvaluation>? OnEvaluation { get; init; }

    public Action<string>? OnCheckpoint { get; init; }

    /// <summary>Awaited before every checkpoint is saved (see <see cref="TrainingLoop.BeforeCheckpointAsync"/>).</summary>
    public Func<long, CancellationToken, Task>? BeforeCheckpointAsync { get; init; }

    /// <summary>
    /// Runs once before training, with the base model: what it returns is trained on instead of
    /// the train pairs (the place where mined hard negatives are attached to the pairs).
    /// </summary>
    public Func<IReadOnlyList<Pair>, ISentenceModel, CancellationToken, IReadOnlyList<Pair>>? PrepareTrainPairs { get; init; }

    public async Task<TrainingRunResult> RunAsync(TrainingRunInputs inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var options = inputs.Options;
        var evaluation = new PairEvaluationOptions { LabelsSynthetic = inputs.LabelsSynthetic };
        var sample = EvalSample.Select(inputs.Eval, options.MaxEvalPairs, options.Seed);

        OnStage?.Invoke(TrainerStage.EvaluatingBase);
        _model.SetTraining(false);
        var baseResult = PairEvaluator.Evaluate(inputs.Eval, _model, evaluation, cancellationToken);
        SelectionMetric.Check(options.SelectionMetric, baseResult);
        var baseSample = ReferenceEquals(sample, inputs.Eval) ? baseResult : PairEvaluator.Evaluate(sample, _model, evaluation, cancellationToken);

        using var scratch = inputs.Checkpoints is null ? new ScratchStore() : null;
        var best = inputs.Checkpoints is { } checkpoints
            ? new BestWeightsStore(checkpoints.Store, checkpoints.Prefix + "best/")
            : new BestWeightsStore(scratch!.Store, "best/");
        var resumeStep = inputs.Resume && inputs.Checkpoints is not null ? await LatestCheckpointStepAsync(inputs.Checkpoints, cancellationToken).ConfigureAwait(false) : 0;
        var selection = new BestEvaluation(options.SelectionMetric);
        foreach (var previous in inputs.PreviousLog.Where(e => e.Step <= resumeStep).Select(static e => e.Evaluation).OfType<TrainingEvaluation>())
        {
            selection.Add(previous);
        }

        var evaluations = new List<TrainingEvaluation>();
        var evaluationSeconds = 0.0;
        if (selection.All.Count == 0)
        {
            await best.PruneExceptAsync(keep: null, cancellationToken).ConfigureAwait(false);
            var before = ToEvaluation(0, 0, baseSample);
            Record(before);
            await best.SaveAsync(0, _model.NamedParameters, cancellationToken).ConfigureAwait(false);
        }

        var train = PrepareTrainPairs?.Invoke(inputs.Train, _model, cancellationToken) ?? inputs.Train;

        OnStage?.Invoke(TrainerStage.Training);
        var loop = new TrainingLoop(_model, train, options)
        {
            OnStep = OnStep,
            BeforeCheckpointAsync = BeforeCheckpointAsync,
            Evaluate = (step, epoch) =>
            {
                var result = PairEvaluator.Evaluate(sample, _model, evaluation, cancellationToken);
                evaluationSeconds += result.Seconds;
                if (Record(ToEvaluation(step, epoch, result)))
                {
                    best.SaveAsync(step, _model.NamedParameters, cancellationToken).GetAwaiter().GetResult();
                    if (inputs.Checkpoints is null)
                    {
                        best.PruneExceptAsync(step, cancellationToken).GetAwaiter().GetResult();
                    }
                }
            },
            OnCheckpoint = folder =>
            {
                // Every evaluation so far is now behind a checkpoint, so a resumed run finds this best too.
                best.PruneExceptAsync(selection.Best!.Step, cancellationToken).GetAwaiter().GetResult();
                OnCheckpoint?.Invoke(folder);
            },
        };
        var training = await loop.RunAsync(inputs.Checkpoints, inputs.Resume, cancellationToken).ConfigureAwait(false);

        OnStage?.Invoke(TrainerStage.EvaluatingTuned);
        _model.SetTraining(false);
        var kept = selection.Best!;
        if (kept.Step != 0 && kept.Step != training.Steps)
        {
            await best.LoadIntoAsync(kept.Step, _model.NamedParameters, cancellationToken).ConfigureAwait(false);
        }

        // With the base kept, the verdict measures the last weights: what training would have published.
        var candidate = PairEvaluator.Evaluate(inputs.Eval, _model, evaluation, cancellationToken);
        var verdict = RunVerdicts.Build(options.SelectionMetric, baseResult, candidate, kept.Step);
        if (verdict.BaseKept)
        {
            await best.LoadIntoAsync(0, _model.NamedParameters, cancellationToken).ConfigureAwait(false);
        }

        OnStage?.Invoke(TrainerStage.Saving);
        var folder = _model.Save(inputs.ModelFolder);

        var log = inputs.PreviousLog.Where(e => e.Step <= training.ResumedFromStep)
            .Concat(training.Log.Select(ToLogEntry))
            .Concat(evaluations.Select(ToLogEntry))
            .OrderBy(static e => e.Step)
            .ThenBy(static e => e.Evaluation is null ? 0 : 1)
            .ToArray();
        var published = verdict.BaseKept ? baseResult : candidate;
        var report = EvalReport.Create(baseResult, published, options, train.Count, training.Elapsed.TotalSeconds, inputs.RunId) with
        {
            Verdict = verdict,
            KeptStep = verdict.KeptStep,
            Evaluations = selection.All,
            Candidate = verdict.BaseKept ? candidate.Metrics : null,
            Examples = RankChanges.Compare(baseResult, candidate),
        };
        report = report with
        {
            Timing = report.Timing with { TunedEvaluationSeconds = candidate.Seconds, EvaluationsDuringTrainingSeconds = evaluationSeconds },
            Notes = [.. report.Notes, .. SelectionNotes(verdict, kept, sample.Count, inputs.Eval.Count)],
        };
        if (training.ResumedFromStep > 0)
        {
            report = report with { Notes = [.. report.Notes, $"Training resumed from the checkpoint at step {training.ResumedFromStep}."] };
        }

        return new TrainingRunResult { Report = report, Log = log, ModelFolder = folder, Training = training };

        bool Record(TrainingEvaluation point)
        {
            evaluations.Add(point);
            var isBest = selection.Add(point);
            OnEvaluation?.Invoke(point, selection.Best!);
            return isBest;
        }
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

    public static TrainingLogEntry ToLogEntry(TrainingEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return new TrainingLogEntry
        {
            Step = evaluation.Step,
            Epoch = Math.Max(0, (int)Math.Ceiling(evaluation.Epoch) - 1),
            Evaluation = evaluation,
        };
    }

    private static TrainingEvaluation ToEvaluation(long step, double epoch, EvaluationResult result) => new()
    {
        Step = step,
        Epoch = epoch,
        Metrics = result.Metrics,
        EvalPairs = result.Counts.Pairs,
        Seconds = result.Seconds,
    };

    private static IEnumerable<string> SelectionNotes(Verdict verdict, TrainingEvaluation kept, int sampled, int evalPairs)
    {
        if (sampled < evalPairs)
        {
            yield return $"Evaluations during training used a fixed seeded sample of {sampled:N0} of the {evalPairs:N0} eval pairs (maxEvalPairs); the verdict uses all of them.";
        }

        if (kept.Step == 0)
        {
            yield return $"No evaluation during training beat the base model on {verdict.Metric}, so the base model was published; the verdict measures the last trained weights.";
        }
        else if (verdict.Outcome == VerdictOutcome.WorseThanBase)
        {
            yield return $"The best evaluation during training (step {kept.Step}) was worse than the base on the whole eval split, so the base model was published.";
        }
        else
        {
            yield return $"Published the weights of step {kept.Step} (epoch {kept.Epoch:0.##}), the best evaluation by {verdict.Metric}.";
        }
    }

    private static async Task<long> LatestCheckpointStepAsync(Checkpoints.CheckpointStore checkpoints, CancellationToken cancellationToken)
    {
        var folders = await checkpoints.ListAsync(cancellationToken).ConfigureAwait(false);
        return folders.Where(static f => f.Complete).Select(static f => f.Step).DefaultIfEmpty(0).Max();
    }

    /// <summary>A folder for the best weights of a run that has no checkpoint store (tests, benchmarks).</summary>
    private sealed class ScratchStore : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("pairtuner-best-").FullName;

        public IArtifactStore Store => new LocalArtifactStore(_folder);

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
