using System.Diagnostics;
using PairTuner.Contracts.Jobs;
using PairTuner.Core.Pairs;
using PairTuner.Training.Batching;
using PairTuner.Training.Checkpoints;
using PairTuner.Training.Losses;
using PairTuner.Training.Optimization;
using static TorchSharp.torch;

namespace PairTuner.Training.Trainer;

/// <summary>
/// sentence-transformers' fit() loop: for each epoch, the sampler's batches; per batch, the loss's
/// gradients, clipping, the scheduled learning rate and an AdamW step. Checkpoints every
/// <see cref="TrainingOptions.CheckpointEvery"/> steps and at every epoch end; a resumed run restores
/// weights, optimizer moments, the schedule and the sampler's position, and because dropout is seeded
/// from (seed, step) it reaches the same weights as a run that was never stopped.
/// </summary>
public sealed class TrainingLoop
{
    private readonly ITrainableEncoder _model;
    private readonly IReadOnlyList<Pair> _pairs;
    private readonly TrainingOptions _options;
    private readonly NoDuplicatesBatchSampler _sampler;
    private readonly IReadOnlyList<int[]>[] _plan;

    public TrainingLoop(ITrainableEncoder model, IReadOnlyList<Pair> pairs, TrainingOptions options)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _pairs = pairs ?? throw new ArgumentNullException(nameof(pairs));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (pairs.Count < 2)
        {
            throw new ArgumentException($"Training needs at least 2 pairs (in-batch negatives); got {pairs.Count}.", nameof(pairs));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.Epochs, 1, nameof(options.Epochs));
        _sampler = new NoDuplicatesBatchSampler(pairs, new BatchSamplerOptions { BatchSize = options.BatchSize, Seed = options.Seed });

        // The epochs' batches are known up front, so the schedule decays to 0 exactly at the last step.
        _plan = Enumerable.Range(0, options.Epochs).Select(_sampler.BatchesOf).ToArray();
        TotalSteps = _plan.Sum(e => (long)e.Count);
    }

    public long TotalSteps { get; }

    /// <summary>Batches of each epoch, as pair indices (what training will see, in order).</summary>
    public IReadOnlyList<IReadOnlyList<int[]>> Plan => _plan;

    /// <summary>Called after every step, on the training thread.</summary>
    public Action<TrainingProgress>? OnStep { get; init; }

    /// <summary>Called after every checkpoint, with its folder.</summary>
    public Action<string>? OnCheckpoint { get; init; }

    /// <summary>
    /// Called with dropout off after each epoch and every <see cref="TrainingOptions.EvalSteps"/> steps,
    /// with the step and the epochs done (fractional between epoch ends), before that step's checkpoint
    /// is saved: what it stores is then in place when a resumed run starts from the checkpoint.
    /// </summary>
    public Action<long, double>? Evaluate { get; init; }

    /// <summary>
    /// Awaited before every checkpoint is saved, with its step: for what must be stored by the time
    /// the checkpoint is complete (the job runner's training log, which a resumed run continues).
    /// </summary>
    public Func<long, CancellationToken, Task>? BeforeCheckpointAsync { get; init; }

    /// <summary>Trains on a thread of its own (see <see cref="TrainingThread"/>); checkpoint I/O blocks that thread.</summary>
    public Task<TrainingResult> RunAsync(CheckpointStore? checkpoints, bool resume, CancellationToken cancellationToken = default)
        => TrainingThread.Run(() => Run(checkpoints, resume, cancellationToken));

    private TrainingResult Run(CheckpointStore? checkpoints, bool resume, CancellationToken cancellationToken)
    {
        var optimizerOptions = TrainingOptimizerOptions.From(_options, TotalSteps);
        var schedule = new LinearWarmupSchedule(optimizerOptions.Lr, optimizerOptions.WarmupSteps, TotalSteps);
        using var optimizer = new TrainingOptimizer(_model.NamedParameters, optimizerOptions, schedule);
        var loss = RankingLossFactory.Create(_options);

        var step = 0L;
        var position = new SamplerPosition(0, 0);
        if (resume && checkpoints is not null)
        {
            var checkpoint = checkpoints.LoadLatestAsync(cancellationToken).GetAwaiter().GetResult();
            if (checkpoint is not null)
            {
                Restore(checkpoint, optimizer);
                step = checkpoint.State.Step;
                position = checkpoint.State.Position;
            }
        }

        var resumedFrom = step;
        var log = new List<TrainingProgress>();
        var clock = Stopwatch.StartNew();
        var pairsSeen = 0L;
        _model.SetTraining(true);

        for (var epoch = position.Epoch; epoch < _options.Epochs; epoch++)
        {
            var batches = _plan[epoch];
            for (var b = epoch == position.Epoch ? position.Batch : 0; b < batches.Count; b++)
            {
                var batch = ToRankingBatch(batches[b], DropoutRandom.Derive(_options.Seed, step));
                optimizer.ZeroGrad();
                var value = loss.Backward(_model.Embed, batch);
                if (double.IsNaN(value) || double.IsInfinity(value))
                {
                    throw new InvalidOperationException($"The loss became {value} at step {step + 1} (epoch {epoch + 1}); lower --lr or use --precision fp32.");
                }

                var gradNorm = optimizer.Step(step);
                var lr = schedule.LearningRate(step);
                step++;
                pairsSeen += batch.Count;

                var elapsed = clock.Elapsed;
                var stepsHere = step - resumedFrom;
                var progress = new TrainingProgress
                {
                    Epoch = epoch + 1,
                    Epochs = _options.Epochs,
                    Step = step,
                    TotalSteps = TotalSteps,
                    Loss = value,
                    LearningRate = lr,
                    GradNorm = gradNorm,
                    BatchPairs = batch.Count,
                    PairsPerSecond = pairsSeen / Math.Max(elapsed.TotalSeconds, 1e-9),
                    EtaSeconds = elapsed.TotalSeconds / stepsHere * (TotalSteps - step),
                    Elapsed = elapsed,
                };
                log.Add(progress);
                OnStep?.Invoke(progress);

                var epochEnd = b == batches.Count - 1;
                if (Evaluate is not null && (epochEnd || (_options.EvalSteps > 0 && step % _options.EvalSteps == 0)))
                {
                    _model.SetTraining(false);
                    Evaluate(step, epoch + ((b + 1) / (double)batches.Count));
                    _model.SetTraining(true);
                }

                var next = epochEnd ? new SamplerPosition(epoch + 1, 0) : new SamplerPosition(epoch, b + 1);
                if (checkpoints is not null && (epochEnd || (_options.CheckpointEvery > 0 && step % _options.CheckpointEvery == 0)))
                {
                    if (BeforeCheckpointAsync is not null)
                    {
                        BeforeCheckpointAsync(step, cancellationToken).GetAwaiter().GetResult();
                    }

                    var folder = SaveAsync(checkpoints, optimizer, step, next, value, cancellationToken).GetAwaiter().GetResult();
                    OnCheckpoint?.Invoke(folder);
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        _model.SetTraining(false);
        return new TrainingResult { Steps = step, TotalSteps = TotalSteps, ResumedFromStep = resumedFrom, Log = log, Elapsed = clock.Elapsed };
    }

    private RankingBatch ToRankingBatch(int[] indices, long dropoutSeed)
    {
        var anchors = new string[indices.Length];
        var positives = new string[indices.Length];
        var negatives = new List<string>(indices.Length);
        for (var i = 0; i < indices.Length; i++)
        {
            var pair = _pairs[indices[i]];
            anchors[i] = pair.Text1;
            positives[i] = pair.Text2;
            if (pair.Negative is not null)
            {
                negatives.Add(pair.Negative);
            }
        }

        // Every hard negative is a candidate for every anchor of the batch, so the negatives column
        // may be shorter than the batch: a pair for which mining found nothing does not cost the
        // other pairs of its batch their negatives (sentence-transformers would need equal columns).
        return new RankingBatch(anchors, positives, negatives.Count > 0 ? negatives : null, dropoutSeed);
    }

    private async Task<string> SaveAsync(CheckpointStore store, TrainingOptimizer optimizer, long step, SamplerPosition next, double loss, CancellationToken cancellationToken)
    {
        var state = new CheckpointState
        {
            Step = step,
            TotalSteps = TotalSteps,
            Position = next,
            Seed = _options.Seed,
            TrainPairs = _pairs.Count,
            Loss = loss,
            Precision = _options.Precision.ToString().ToLowerInvariant(),
        };

        // Weights and optimizer state go through temporary files, not byte arrays: arrays the size
        // of the model at every checkpoint piled up on the large-object heap (an 8-epoch STS-B run
        // peaked at 6.7 GB).
        var weightsPath = Path.GetTempFileName();
        var optimizerPath = Path.GetTempFileName();
        try
        {
            using (var file = File.Create(weightsPath))
            {
                WeightsFile.Write(optimizer.Weights, file);
            }

            // TorchSharp saves optimizer state to a path only.
            optimizer.SaveState(optimizerPath);
            var weights = File.OpenRead(weightsPath);
            await using (weights.ConfigureAwait(false))
            {
                var optimizerState = File.OpenRead(optimizerPath);
                await using (optimizerState.ConfigureAwait(false))
                {
                    return await store.SaveAsync(state, weights, optimizerState, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            File.Delete(weightsPath);
            File.Delete(optimizerPath);
        }
    }

    private void Restore(Checkpoint checkpoint, TrainingOptimizer optimizer)
    {
        var state = checkpoint.State;
        if (state.TrainPairs != _pairs.Count || state.Seed != _options.Seed || state.TotalSteps != TotalSteps)
        {
            throw new InvalidOperationException(
                $"Checkpoint '{checkpoint.Folder}' belongs to another run ({state.TrainPairs} pairs, seed {state.Seed}, {state.TotalSteps} steps; " +
                $"this run has {_pairs.Count} pairs, seed {_options.Seed}, {TotalSteps} steps). Resume with the same data and options, or drop --resume.");
        }

        WeightsFile.Read(checkpoint.Weights, optimizer.Weights);
        optimizer.SyncModelFromMasters();
        var temp = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(temp, checkpoint.OptimizerState);
            optimizer.LoadState(temp);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
