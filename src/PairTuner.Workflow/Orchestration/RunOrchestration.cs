using Microsoft.DurableTask;
using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Options;
using PairTuner.Contracts.Runs;
using PairTuner.Workflow.Activities;
using PairTuner.Workflow.Launchers;
using PairTuner.Workflow.Runs;

namespace PairTuner.Workflow.Orchestration;

/// <summary>
/// One fine-tuning run: Ingest, ScoreAndSplit per shard in parallel, StartTraining, monitor the
/// trainer (relaunch with resume when it dies), Publish. Written once against
/// <see cref="TaskOrchestrationContext"/> so the Functions app and the local host run the same
/// code. Deterministic: every fact from outside (storage, the trainer, the clock) comes from an
/// activity result, a durable timer or <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>.
/// </summary>
[DurableTask(Name)]
public sealed class RunOrchestration : TaskOrchestrator<RunRequest, RunSummary>
{
    public const string Name = nameof(RunOrchestration);

    /// <summary>Monitor polls before the orchestration continues as new (about 17 minutes at the default 10 s).</summary>
    internal const int PollsPerGeneration = 100;

    private enum MonitorOutcome
    {
        Succeeded,
        Cancelled,
        ContinuedAsNew,
    }

    public override async Task<RunSummary> RunAsync(TaskOrchestrationContext context, RunRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var run = new RunState(context, input);
        return await run.ExecuteAsync().ConfigureAwait(true);
    }

    /// <summary>The run's mutable state across stages; lives for one (re)play of the orchestration.</summary>
    private sealed class RunState(TaskOrchestrationContext context, RunRequest request)
    {
        private readonly RunPaths _paths = new(request.RunId);
        private readonly Task<string> _cancel = context.WaitForExternalEvent<string>(RunEvents.Cancel);
        private RunProgress _progress = new() { Stage = RunStage.Queued };
        private RunSummary _summary = new()
        {
            RunId = request.RunId,
            Input = request.Input,
            Status = RunStage.Queued,
            StartedAt = request.Continuation?.Summary.StartedAt ?? context.CurrentUtcDateTime,
        };
        /// <summary>The trainer that may be running now; null once it is known to be gone.</summary>
        private TrainerExecution? _trainer;

        private RunOptions Options => request.Options;

        public async Task<RunSummary> ExecuteAsync()
        {
            try
            {
                return await ExecuteStagesAsync().ConfigureAwait(true);
            }
            catch (Exception e) when (e is not RunFailedException)
            {
                throw await FailAsync(Describe(e)).ConfigureAwait(true);
            }
        }

        private async Task<RunSummary> ExecuteStagesAsync()
        {
            if (request.Continuation is { } continuation)
            {
                return await ContinueTrainingAsync(continuation).ConfigureAwait(true);
            }

            // 1. Ingest: validate every row, write shards and validation.json.
            Publish(_progress with { Stage = RunStage.Ingesting });
            var ingest = await UnlessCancelled(context.CallActivityAsync<IngestOutcome>(
                IngestActivity.Name, new IngestInput(request.RunId, request.Input, Options), RunRetries.Storage)).ConfigureAwait(true);
            if (ingest is null)
            {
                return await CancelAsync().ConfigureAwait(true);
            }

            if (ingest.Error is not null)
            {
                throw await FailAsync(ingest.Error, _paths.Validation).ConfigureAwait(true);
            }

            _summary = _summary with { Pairs = ingest.Pairs, RejectedRows = ingest.RejectedRows, Shards = ingest.Shards.Count };

            // 2. Fan out: one ScoreAndSplit per shard.
            Publish(_progress with { Stage = RunStage.Splitting, Shards = ingest.Shards.Count, Pairs = ingest.Pairs });
            var splits = await UnlessCancelled(SplitAllAsync(ingest.Shards)).ConfigureAwait(true);
            if (splits is null)
            {
                return await CancelAsync().ConfigureAwait(true);
            }

            var ordered = splits.OrderBy(s => s.ShardIndex).ToList();
            _summary = _summary with
            {
                TrainPairs = ordered.Sum(s => s.TrainPairs),
                EvalPairs = ordered.Sum(s => s.EvalPairs),
                LabelsSynthetic = ordered.Any(s => s.LabelsSynthetic),
            };
            if (_summary.TrainPairs < 2)
            {
                throw await FailAsync(
                    $"Only {_summary.TrainPairs} pair(s) went to the train split of {request.Input}; MNRL needs at least 2 per batch. Add pairs or raise trainFraction.",
                    _paths.Validation).ConfigureAwait(true);
            }

            // 3. Launch the trainer, then watch it.
            var train = ordered.Select(s => s.Train).ToList();
            var eval = ordered.Select(s => s.Eval).ToList();
            _trainer = await LaunchAsync(train, eval, attempt: 1).ConfigureAwait(true);
            return await ContinueTrainingAsync(new RunContinuation(_summary, train, eval, 1, _trainer, _progress, Generation: 0)).ConfigureAwait(true);
        }

        private async Task<RunSummary> ContinueTrainingAsync(RunContinuation continuation)
        {
            _summary = continuation.Summary;
            _trainer = continuation.Trainer;
            _progress = continuation.Progress;
            var outcome = await MonitorAsync(continuation).ConfigureAwait(true);
            switch (outcome)
            {
                case MonitorOutcome.Cancelled:
                    return await CancelAsync().ConfigureAwait(true);
                case MonitorOutcome.ContinuedAsNew:
                    // The return value is ignored: the orchestration restarts with the continuation as input.
                    return _summary;
            }

            // 4. Publish summary.json.
            Publish(_progress with { Stage = RunStage.Publishing });
            var finished = _summary with
            {
                Status = RunStage.Completed,
                Model = _paths.Model,
                Onnx = _paths.Onnx,
                EvalReport = _paths.EvalReport,
                ReportHtml = _paths.ReportHtml,
                FinishedAt = context.CurrentUtcDateTime,
            };
            var published = await context.CallActivityAsync<RunSummary>(
                PublishActivity.Name, new PublishInput(finished), RunRetries.Storage).ConfigureAwait(true);
            Publish(_progress with { Stage = RunStage.Completed, Message = $"Model in {_paths.Model}, report in {_paths.ReportHtml}." });
            return published;
        }

        private async Task<IReadOnlyList<ShardOutcome>> SplitAllAsync(IReadOnlyList<string> shards)
        {
            var pending = shards
                .Select((shard, index) => context.CallActivityAsync<ShardOutcome>(
                    ScoreAndSplitActivity.Name, new ShardInput(request.RunId, index, shard, Options), RunRetries.Storage))
                .ToList();
            var done = new List<ShardOutcome>(pending.Count);

            // Task.WhenAny one at a time keeps "shards done" progress live while they all run in parallel.
            while (pending.Count > 0)
            {
                var next = await Task.WhenAny(pending).ConfigureAwait(true);
                pending.Remove(next);
                done.Add(await next.ConfigureAwait(true));
                Publish(_progress with { ShardsDone = done.Count });
            }

            return done;
        }

        /// <summary>Polls the trainer on a durable timer until it succeeds, the run is cancelled, or the history needs a fresh start.</summary>
        private async Task<MonitorOutcome> MonitorAsync(RunContinuation state)
        {
            var deadline = _summary.StartedAt + Options.RunTimeout;
            var attempt = state.Attempt;
            var trainer = state.Trainer;
            for (var poll = 0; poll < PollsPerGeneration; poll++)
            {
                var check = await context.CallActivityAsync<TrainerCheck>(
                    CheckTrainerActivity.Name, new CheckTrainerInput(request.RunId, trainer), RunRetries.Storage).ConfigureAwait(true);
                PublishTrainer(check, attempt);

                var verdict = TrainerVerdicts.Judge(check, trainer, context.CurrentUtcDateTime, Options.TrainerHeartbeatTimeout);
                if (verdict.Outcome == TrainerOutcome.Succeeded)
                {
                    _summary = _summary with { TrainerAttempts = attempt };
                    return MonitorOutcome.Succeeded;
                }

                if (verdict.Outcome == TrainerOutcome.Died)
                {
                    if (verdict.StopFirst)
                    {
                        await StopTrainerAsync().ConfigureAwait(true);
                    }

                    _trainer = null;

                    if (attempt > Options.MaxTrainerRestarts)
                    {
                        _summary = _summary with { TrainerAttempts = attempt };
                        throw await FailAsync(
                            $"The trainer stopped {attempt} time(s) before finishing; the last time: {verdict.Reason} " +
                            $"Look at {_paths.Status} and the trainer's log, fix the cause, then start the run again (maxTrainerRestarts is {Options.MaxTrainerRestarts}).",
                            _paths.Status).ConfigureAwait(true);
                    }

                    attempt++;
                    Publish(_progress with { TrainerAttempt = attempt, Message = $"Trainer stopped ({verdict.Reason}); relaunching from the last checkpoint." });
                    trainer = _trainer = await LaunchAsync(state.Train, state.Eval, attempt).ConfigureAwait(true);
                    continue;
                }

                if (context.CurrentUtcDateTime >= deadline)
                {
                    // FailAsync stops the trainer.
                    throw await FailAsync(
                        $"The run did not finish within its runTimeout of {Options.RunTimeout}; the trainer was stopped. " +
                        "Train on fewer pairs or epochs, or raise runTimeout.",
                        _paths.Status).ConfigureAwait(true);
                }

                using var timerCancel = new CancellationTokenSource();
                var timer = context.CreateTimer(Min(context.CurrentUtcDateTime + Options.MonitorInterval, deadline), timerCancel.Token);
                var woke = await Task.WhenAny(timer, _cancel).ConfigureAwait(true);
                if (woke == _cancel)
                {
                    // Synchronous on purpose: CancelAsync would run the timer's callbacks off the orchestration's thread.
#pragma warning disable CA1849
                    timerCancel.Cancel();
#pragma warning restore CA1849
                    await StopTrainerAsync().ConfigureAwait(true);
                    return MonitorOutcome.Cancelled;
                }
            }

            // Keep the history short on long runs; a cancel raised meanwhile is carried over.
            context.ContinueAsNew(
                request with { Continuation = new RunContinuation(_summary, state.Train, state.Eval, attempt, trainer, _progress, state.Generation + 1) },
                preserveUnprocessedEvents: true);
            return MonitorOutcome.ContinuedAsNew;
        }

        private async Task<TrainerExecution> LaunchAsync(IReadOnlyList<string> train, IReadOnlyList<string> eval, int attempt)
        {
            Publish(_progress with { Stage = RunStage.Training, TrainerAttempt = attempt });
            return await context.CallActivityAsync<TrainerExecution>(
                StartTrainingActivity.Name,
                new StartTrainingInput(request.RunId, train, eval, Options.Training, _summary.LabelsSynthetic, attempt),
                RunRetries.Launch).ConfigureAwait(true);
        }

        private async Task StopTrainerAsync()
        {
            if (_trainer is not null)
            {
                await context.CallActivityAsync(StopTrainerActivity.Name, _trainer, RunRetries.Storage).ConfigureAwait(true);
            }
        }

        /// <summary>Awaits <paramref name="work"/> unless the cancel event arrives first; null then.</summary>
        private async Task<T?> UnlessCancelled<T>(Task<T> work)
            where T : class
        {
            var first = await Task.WhenAny(work, _cancel).ConfigureAwait(true);
            return first == work ? await work.ConfigureAwait(true) : null;
        }

        private async Task<RunSummary> CancelAsync()
        {
            var cancelled = _summary with
            {
                Status = RunStage.Cancelled,
                FinishedAt = context.CurrentUtcDateTime,
            };
            var published = await context.CallActivityAsync<RunSummary>(
                PublishActivity.Name, new PublishInput(cancelled), RunRetries.Storage).ConfigureAwait(true);
            Publish(_progress with { Stage = RunStage.Cancelled, Message = "Cancelled; the trainer was stopped." });
            return published;
        }

        /// <summary>Writes error.json, stops a running trainer, publishes Failed; the caller throws the result.</summary>
        private async Task<RunFailedException> FailAsync(string message, params string[] seeAlso)
        {
            var stage = _progress.Stage;
            if (_trainer is not null && stage == RunStage.Training)
            {
                try
                {
                    await StopTrainerAsync().ConfigureAwait(true);
                }
                catch (TaskFailedException)
                {
                    // The trainer may already be gone; the failure being reported matters more.
                }
            }

            var error = new RunError
            {
                RunId = request.RunId,
                Input = request.Input,
                Stage = stage.ToString(),
                Message = message,
                SeeAlso = seeAlso,
                FailedAt = context.CurrentUtcDateTime,
            };
            await context.CallActivityAsync(RecordFailureActivity.Name, error, RunRetries.Storage).ConfigureAwait(true);
            Publish(_progress with { Stage = RunStage.Failed, Message = message });
            return new RunFailedException(message);
        }

        private void PublishTrainer(TrainerCheck check, int attempt)
        {
            var status = check.Status;
            if (status is null || status.Attempt != attempt)
            {
                Publish(_progress with { TrainerAttempt = attempt, TrainerStage = TrainerStage.Starting });
                return;
            }

            Publish(_progress with
            {
                TrainerAttempt = attempt,
                TrainerStage = status.Stage,
                Epoch = status.Epoch,
                Epochs = status.Epochs,
                Step = status.Step,
                TotalSteps = status.TotalSteps,
                Loss = status.Loss,
                PairsPerSecond = status.PairsPerSecond,
                EtaSeconds = status.EtaSeconds,
                SelectionMetric = status.SelectionMetric,
                Evaluations = status.Evaluations,
                BestStep = status.BestStep,
                Message = status.Message,
            });
        }

        private void Publish(RunProgress progress)
        {
            _progress = progress with { UpdatedAt = context.CurrentUtcDateTime };
            context.SetCustomStatus(_progress);
        }

        private string Describe(Exception e) => e switch
        {
            TaskFailedException failed => $"{failed.TaskName} failed while the run was {_progress.Stage.ToString().ToLowerInvariant()}: {failed.FailureDetails.ErrorMessage}",
            _ => $"{e.GetType().Name}: {e.Message}",
        };

        private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
    }
}
