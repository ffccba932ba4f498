using System.Text;
using System.Text.Json;
using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Options;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Pairs;
using PairTuner.Core.Serialization;
using PairTuner.Core.Sharding;
using PairTuner.Training.Checkpoints;
using PairTuner.Training.Mining;
using PairTuner.Training.Reporting;

namespace PairTuner.Training.Trainer;

/// <summary>
/// <c>pairtuner train --job</c>: runs a <see cref="TrainingJob"/> against an
/// <see cref="IArtifactStore"/> (blob storage in the workflow, a folder for local runs and tests).
/// Reads the train and eval shards, heartbeats <see cref="TrainerStatus"/> to the job's status path,
/// checkpoints under the job's prefix, and uploads the model folder, eval.json, report.html and
/// training_log.jsonl. A failure is written as <see cref="TrainerStage.Failed"/> with its message
/// before it is rethrown.
/// </summary>
public sealed class TrainingJobRunner
{
    private readonly IArtifactStore _store;
    private readonly Func<TrainingOptions, ISentenceModel> _loadModel;

    public TrainingJobRunner(IArtifactStore store, Func<TrainingOptions, ISentenceModel> loadModel)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _loadModel = loadModel ?? throw new ArgumentNullException(nameof(loadModel));
    }

    /// <summary>How often status.json is rewritten (the monitor treats a much older one as a dead trainer).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Which launch of this run's trainer this is (1 for the first).</summary>
    public int Attempt { get; init; } = 1;

    public Action<TrainerStage>? OnStage { get; init; }

    public Action<TrainingProgress>? OnStep { get; init; }

    /// <summary>Called after each evaluation with it and the best so far.</summary>
    public Action<TrainingEvaluation, TrainingEvaluation>? OnEvaluation { get; init; }

    public static async Task<TrainingJob> ReadJobAsync(IArtifactStore store, string jobPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!await store.ExistsAsync(jobPath, cancellationToken).ConfigureAwait(false))
        {
            throw new FileNotFoundException($"{jobPath}: the job file does not exist in the store.", jobPath);
        }

        var stream = await store.OpenReadAsync(jobPath, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                var job = await JsonSerializer.DeserializeAsync<TrainingJob>(stream, PairTunerJson.Options, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidDataException($"{jobPath}: holds 'null', not a training job.");

                // The same limits as every other way of giving an option; a folder on this machine is a model too.
                if (RunOptionCatalog.Check(job.Options, localModelFolders: true) is { Count: > 0 } errors)
                {
                    throw new InvalidDataException($"{jobPath}: {new RunOptionsException(errors).Message}");
                }

                return job;
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{jobPath}: not a valid training job (line {e.LineNumber + 1}, {e.Path}): {e.Message}", e);
            }
        }
    }

    public async Task<TrainingRunResult> RunAsync(string jobPath, CancellationToken cancellationToken = default)
    {
        var job = await ReadJobAsync(_store, jobPath, cancellationToken).ConfigureAwait(false);
        return await RunAsync(job, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TrainingRunResult> RunAsync(TrainingJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var log = new List<TrainingLogEntry>();
        var logLock = new object();
        // Entries already stored: 0, so that no beat replaces an earlier attempt's stored log with
        // an empty one before a resumed run has read it (nothing is written until there is more).
        var logWritten = 0;
        var initial = new TrainerStatus
        {
            RunId = job.RunId, Stage = TrainerStage.Starting, Epochs = job.Options.Epochs, Attempt = Attempt, UpdatedAt = DateTimeOffset.UtcNow,
        };

        // The log is written with each heartbeat and before each checkpoint, one write at a time, so
        // the stored log always reaches the newest complete checkpoint: a resumed run keeps the
        // entries up to its checkpoint from it, and entries only a later heartbeat would have
        // written were lost when the trainer died before that heartbeat.
        using var logWrite = new SemaphoreSlim(1, 1);
        async Task FlushLogAsync(CancellationToken ct)
        {
            await logWrite.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                string? text = null;
                lock (logLock)
                {
                    if (log.Count != logWritten)
                    {
                        logWritten = log.Count;
                        text = Format(log);
                    }
                }

                if (text is not null)
                {
                    await WriteTextAsync(job.TrainingLog, text, ct).ConfigureAwait(false);
                }
            }
            finally
            {
                logWrite.Release();
            }
        }

        await using var heartbeat = new StatusHeartbeat(_store, job.Status, initial, HeartbeatInterval)
        {
            OnBeat = FlushLogAsync,
        };

        try
        {
            await heartbeat.SetAsync(s => s with { Stage = TrainerStage.Loading, Message = "Reading pairs and loading the model." }, cancellationToken).ConfigureAwait(false);
            OnStage?.Invoke(TrainerStage.Loading);
            heartbeat.Start();

            var train = await ReadPairsAsync(job.Train, cancellationToken).ConfigureAwait(false);
            var eval = await ReadPairsAsync(job.Eval, cancellationToken).ConfigureAwait(false);
            var previousLog = job.Resume ? await ReadLogAsync(job.TrainingLog, cancellationToken).ConfigureAwait(false) : [];
            lock (logLock)
            {
                log.AddRange(previousLog);
                logWritten = log.Count;
            }

            var previousMarks = previousLog.Select(static e => e.Evaluation).OfType<TrainingEvaluation>()
                .Select(e => new EvaluationMark { Step = e.Step, Epoch = e.Epoch, Value = e.Metrics.GetValueOrDefault(job.Options.SelectionMetric) })
                .ToArray();
            heartbeat.Update(s => s with { SelectionMetric = job.Options.SelectionMetric, Evaluations = EvaluationMark.Recent(previousMarks) });

            var workDir = Directory.CreateTempSubdirectory("pairtuner-model-").FullName;
            try
            {
                var modelOptions = job.Options;
                if (StoredModel.IsStored(modelOptions.Model))
                {
                    var local = await StoredModel.DownloadAsync(_store, modelOptions.Model, Path.Combine(workDir, "base"), cancellationToken).ConfigureAwait(false);
                    modelOptions = modelOptions with { Model = local };
                }

                using var model = _loadModel(modelOptions);
                var mining = await MineAsync(job, train, model, heartbeat, cancellationToken).ConfigureAwait(false);
                var run = new TrainingRun(model)
                {
                    BeforeCheckpointAsync = (_, ct) => FlushLogAsync(ct),
                    OnStage = stage =>
                    {
                        heartbeat.Update(s => s with { Stage = stage, Message = null });
                        OnStage?.Invoke(stage);
                    },
                    OnEvaluation = (evaluation, best) =>
                    {
                        lock (logLock)
                        {
                            log.Add(TrainingRun.ToLogEntry(evaluation));
                        }

                        var mark = new EvaluationMark { Step = evaluation.Step, Epoch = evaluation.Epoch, Value = evaluation.Metrics[job.Options.SelectionMetric] };
                        heartbeat.Update(s => s with
                        {
                            SelectionMetric = job.Options.SelectionMetric,
                            Evaluations = EvaluationMark.Recent([.. s.Evaluations ?? [], mark]),
                            BestStep = best.Step,
                        });
                        OnEvaluation?.Invoke(evaluation, best);
                    },
                    OnStep = progress =>
                    {
                        lock (logLock)
                        {
                            log.RemoveAll(e => e.Step >= progress.Step);
                            log.Add(TrainingRun.ToLogEntry(progress));
                        }

                        heartbeat.Update(s => s with
                        {
                            Epoch = progress.Epoch,
                            Epochs = progress.Epochs,
                            Step = progress.Step,
                            TotalSteps = progress.TotalSteps,
                            Loss = progress.Loss,
                            PairsPerSecond = progress.PairsPerSecond,
                            EtaSeconds = progress.EtaSeconds,
                        });
                        OnStep?.Invoke(progress);
                    },
                };

                var result = await run.RunAsync(
                    new TrainingRunInputs
                    {
                        Train = mining?.Pairs ?? train,
                        Eval = eval,
                        Options = job.Options,
                        ModelFolder = Path.Combine(workDir, "model"),
                        Checkpoints = new CheckpointStore(_store, job.Checkpoints),
                        Resume = job.Resume,
                        LabelsSynthetic = job.LabelsSynthetic,
                        RunId = job.RunId,
                        PreviousLog = previousLog,
                    },
                    cancellationToken).ConfigureAwait(false);

                if (mining is not null)
                {
                    result = result with { Report = result.Report with { Mining = mining.Summary, Notes = [.. result.Report.Notes, MinedTrainingSet.Describe(mining.Summary)] } };
                }

                await UploadFolderAsync(result.ModelFolder, job.OutputModel, cancellationToken).ConfigureAwait(false);
                await WriteTextAsync(job.EvalReport, result.Report.ToJson(), cancellationToken).ConfigureAwait(false);
                await WriteTextAsync(job.ReportHtml, result.RenderHtml(), cancellationToken).ConfigureAwait(false);
                await WriteTextAsync(job.TrainingLog, Format(result.Log), cancellationToken).ConfigureAwait(false);
                lock (logLock)
                {
                    log.Clear();
                    log.AddRange(result.Log);
                    logWritten = log.Count;
                }

                await heartbeat.SetAsync(s => s with { Stage = TrainerStage.Completed, EtaSeconds = 0, Message = "Done." }, cancellationToken).ConfigureAwait(false);
                OnStage?.Invoke(TrainerStage.Completed);
                return result with { ModelFolder = job.OutputModel };
            }
            finally
            {
                Directory.Delete(workDir, recursive: true);
            }
        }
        catch (Exception e)
        {
            var message = e is OperationCanceledException ? "Cancelled." : $"{e.GetType().Name}: {e.Message}";
            await heartbeat.SetAsync(s => s with { Stage = TrainerStage.Failed, Message = message }, CancellationToken.None).ConfigureAwait(false);
            OnStage?.Invoke(TrainerStage.Failed);
            throw;
        }
    }

    /// <summary>Hard negatives for the pairs that have none (hardNegatives = mine), with the base model in evaluation mode; null otherwise.</summary>
    private async Task<MiningResult?> MineAsync(TrainingJob job, List<Pair> train, ISentenceModel model, StatusHeartbeat heartbeat, CancellationToken cancellationToken)
    {
        if (job.Options.HardNegatives != HardNegativesMode.Mine)
        {
            return null;
        }

        await heartbeat.SetAsync(s => s with { Stage = TrainerStage.MiningNegatives, Message = $"Mining hard negatives for {train.Count} training pairs." }, cancellationToken).ConfigureAwait(false);
        OnStage?.Invoke(TrainerStage.MiningNegatives);
        model.SetTraining(false);
        var mining = await new MinedTrainingSet(_store, job.Checkpoints)
            .LoadOrMineAsync(train, model, HardNegativeMinerOptions.From(job.Options), job.Resume, cancellationToken).ConfigureAwait(false);
        heartbeat.Update(s => s with { Message = MinedTrainingSet.Describe(mining.Summary) });
        return mining;
    }

    private async Task<List<Pair>> ReadPairsAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var pairs = new List<Pair>();
        foreach (var path in paths)
        {
            pairs.AddRange(await PairJsonLines.ReadAllAsync(_store, path, cancellationToken).ConfigureAwait(false));
        }

        return pairs;
    }

    private async Task<IReadOnlyList<TrainingLogEntry>> ReadLogAsync(string path, CancellationToken cancellationToken)
    {
        if (!await _store.ExistsAsync(path, cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        var stream = await _store.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return TrainingLog.Read(reader, path);
        }
    }

    private async Task UploadFolderAsync(string folder, string prefix, CancellationToken cancellationToken)
    {
        var root = prefix.EndsWith('/') ? prefix : prefix + "/";
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = root + Path.GetRelativePath(folder, file).Replace('\\', '/');
            var stream = File.OpenRead(file);
            await using (stream.ConfigureAwait(false))
            {
                await _store.WriteAsync(name, stream, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteTextAsync(string path, string text, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await _store.WriteAsync(path, content, cancellationToken).ConfigureAwait(false);
    }

    private static string Format(IEnumerable<TrainingLogEntry> entries)
    {
        using var writer = new StringWriter();
        foreach (var entry in entries)
        {
            TrainingLog.Append(writer, entry);
        }

        return writer.ToString();
    }
}
