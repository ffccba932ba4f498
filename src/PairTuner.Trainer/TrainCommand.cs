using System.CommandLine;
using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Options;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Scoring;
using PairTuner.Training.Evaluation;
using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Runtime;
using PairTuner.Training.Trainer;

namespace PairTuner.Trainer;

/// <summary>
/// <c>pairtuner train --train FILE [--eval FILE] --out DIR [options]</c> (local files) and
/// <c>pairtuner train --job runs/{id}/job.json</c> (the workflow's and the GPU container's
/// contract, through blob storage or <c>--store-root</c>).
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var train = new Option<FileInfo?>("--train") { Description = "Pairs to train on (JSON Lines, JSON array, CSV or TSV)." };
        var eval = new Option<FileInfo?>("--eval") { Description = "Pairs to evaluate on; without it a seeded 20% of --train is held out." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Output folder: model/, eval.json, report.html, training_log.jsonl, checkpoints/." };
        var job = new Option<string?>("--job") { Description = "Run a job.json (an artifact path such as runs/{id}/job.json) instead of local files." };
        var storeRoot = new Option<DirectoryInfo?>("--store-root") { Description = "With --job: a local folder as the store instead of blob storage (PAIRTUNER_STORAGE)." };
        var attempt = new Option<int>("--attempt") { Description = "With --job: which launch of this run's trainer this is.", DefaultValueFactory = _ => 1 };
        var resume = new Option<bool>("--resume") { Description = "Continue from the newest complete checkpoint." };
        var allMetrics = new Option<bool>("--all-metrics") { Description = "Print every metric, not only the headline ones (all are in eval.json)." };
        var options = new TrainingOptionSet();

        var command = new Command("train", "Fine-tunes the model on pairs (local files or a job.json).")
        {
            train, eval, output, job, storeRoot, attempt, resume, allMetrics,
        };
        options.AddTo(command);
        command.Validators.Add(result =>
        {
            var hasJob = result.GetValue(job) is not null;
            if (hasJob && (result.GetValue(train) is not null || result.GetValue(output) is not null))
            {
                result.AddError("Use either --job, or --train with --out, not both.");
            }
            else if (!hasJob && (result.GetValue(train) is null || result.GetValue(output) is null))
            {
                result.AddError("pairtuner train needs --train FILE and --out DIR (or --job PATH).");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            var progress = ConsoleTrainingProgress.ForConsole();
            try
            {
                IArtifactStore store;
                TrainingJob trainingJob;
                if (parse.GetValue(job) is { } jobPath)
                {
                    store = parse.GetValue(storeRoot) is { } root ? new LocalArtifactStore(root.FullName) : TrainerStores.FromEnvironment();
                    trainingJob = await TrainingJobRunner.ReadJobAsync(store, jobPath, cancellationToken).ConfigureAwait(false);

                    // Options typed on the command line win over the job file's.
                    trainingJob = trainingJob with { Options = options.Bind(parse, trainingJob.Options), Resume = trainingJob.Resume || parse.GetValue(resume) };
                    SentenceModels.EnsureDevice(trainingJob.Options.Device);
                }
                else
                {
                    var typed = options.BindRun(parse, new RunOptions());
                    SentenceModels.EnsureDevice(typed.Training.Device);
                    var outDir = parse.GetValue(output)!.FullName;
                    store = new LocalArtifactStore(outDir);
                    var scoring = new ScoringOptions { Rescale = typed.Rescale, MinScore = typed.MinScore };
                    trainingJob = await LocalTrainingJob.PrepareAsync(
                        parse.GetValue(train)!.FullName, parse.GetValue(eval)?.FullName, outDir, typed.Training, scoring, parse.GetValue(resume), cancellationToken).ConfigureAwait(false);
                    Console.WriteLine($"Output: {outDir}");
                }

                if (trainingJob.Options.Precision == Precision.Bf16
                    && ComputeDevice.Parse(trainingJob.Options.Device).Bf16Warning(CpuBf16Support.HasMatrixInstructions()) is { } warning)
                {
                    Console.Error.WriteLine($"pairtuner train: warning: {warning} (see docs/troubleshooting.md, bf16 is slower than fp32).");
                }

                var runner = new TrainingJobRunner(store, SentenceModels.Load)
                {
                    Attempt = parse.GetValue(attempt),
                    OnStage = progress.Stage,
                    OnStep = progress.Step,
                };
                var result = await runner.RunAsync(trainingJob, cancellationToken).ConfigureAwait(false);
                // Local runs name files inside --out; a job names artifact paths in its store.
                var outRoot = parse.GetValue(output)?.FullName;
                string Where(string path) => outRoot is null ? path : Path.Combine(outRoot, path);
                PrintSummary(result, Where(result.ModelFolder), Where(trainingJob.ReportHtml), parse.GetValue(allMetrics));
                return 0;
            }
            catch (Exception e) when (e is RunOptionsException or InvalidOperationException or NotSupportedException || ModelResolver.IsModelError(e))
            {
                Console.Error.WriteLine($"pairtuner train: {e.Message}");
                return 1;
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("pairtuner train: cancelled; the newest checkpoint is kept (--resume continues from it).");
                return 130;
            }
        });
        return command;
    }

    private static void PrintSummary(TrainingRunResult result, string modelPath, string reportPath, bool allMetrics)
    {
        var report = result.Report;
        Console.WriteLine($"Trained {result.Training.Steps} steps in {result.Training.Elapsed.TotalSeconds:0.0} s (recipe {report.Recipe.ToString().ToLowerInvariant()}); kept step {report.KeptStep}.");
        ResultConsole.WriteVerdict(Console.Out, report.Verdict);
        var metrics = report.Tuned.Keys.Concat(report.Base.Keys).Distinct(StringComparer.Ordinal)
            .Select(name => (name, report.Base.TryGetValue(name, out var b) ? b : (double?)null, report.Tuned.TryGetValue(name, out var t) ? t : (double?)null))
            .ToArray();
        ResultConsole.WriteMetrics(Console.Out, metrics, report.Labels == LabelSource.Gold, allMetrics);
        foreach (var note in report.Notes)
        {
            Console.WriteLine($"note: {note}");
        }

        ResultConsole.WriteConclusion(Console.Out, report.Verdict, modelPath, reportPath);
    }
}
