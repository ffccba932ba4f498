using System.Text;
using System.Text.Json;
using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Scoring;
using PairTuner.Core.Serialization;
using PairTuner.Training.Reporting;
using PairTuner.Training.Tests.TestModels;
using PairTuner.Training.Trainer;

namespace PairTuner.Training.Tests.Trainer;

[Collection(TorchRandomCollection.Name)]
public sealed class TrainingJobRunnerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pairtuner-job-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static readonly TrainingOptions Options = new()
    {
        Epochs = 2, BatchSize = 8, WarmupSteps = 2, Lr = 5e-3, Seed = 5, CheckpointEvery = 4, Similarity = SimilarityFunction.Cos,
    };

    private string WritePairs(string name, int count)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllLines(path, SyntheticPairs.Create(count).Select(p => JsonSerializer.Serialize(new { text1 = p.Text1, text2 = p.Text2 })));
        return path;
    }

    [Fact]
    public async Task A_local_job_trains_evaluates_and_writes_every_artifact()
    {
        var outDir = Path.Combine(_root, "out");
        var job = await LocalTrainingJob.PrepareAsync(WritePairs("pairs.jsonl", 50), null, outDir, Options, new ScoringOptions(), resume: false);
        var stages = new List<TrainerStage>();
        var runner = new TrainingJobRunner(new LocalArtifactStore(outDir), _ => new TinySentenceModel(new TinyEncoder()))
        {
            HeartbeatInterval = TimeSpan.FromMilliseconds(20),
            OnStage = stages.Add,
        };

        var result = await runner.RunAsync(job);

        // 50 pairs: 40 train (seeded 80/20), 10 eval; batches of 8 -> 5 steps per epoch.
        Assert.Equal(40, result.Report.Data.TrainPairs);
        Assert.Equal(10, result.Report.Data.EvalPairs);
        Assert.Equal(10, result.Training.Steps);
        Assert.Equal(
            [TrainerStage.Loading, TrainerStage.EvaluatingBase, TrainerStage.Training, TrainerStage.EvaluatingTuned, TrainerStage.Saving, TrainerStage.Completed],
            stages);

        var status = JsonSerializer.Deserialize<TrainerStatus>(File.ReadAllText(Path.Combine(outDir, "status.json")), PairTunerJson.Options)!;
        Assert.Equal(TrainerStage.Completed, status.Stage);
        Assert.Equal(10, status.Step);
        Assert.Equal(10, status.TotalSteps);
        Assert.NotNull(status.Loss);

        var report = EvalReport.FromJson(File.ReadAllText(Path.Combine(outDir, "eval.json")));
        Assert.Contains("cosine_ndcg@10", report.Base.Keys);
        Assert.Contains("cosine_ndcg@10", report.Tuned.Keys);
        Assert.Equal(report.Tuned["cosine_ndcg@10"] - report.Base["cosine_ndcg@10"], report.Difference["cosine_ndcg@10"], 12);
        Assert.True(report.LabelsSynthetic);

        var log = TrainingLog.ReadFile(Path.Combine(outDir, "training_log.jsonl"));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), log.Where(e => e.Loss is not null).Select(e => e.Step));

        // Evaluations before training and after each epoch, in the log, in eval.json and in status.json.
        Assert.Equal([0L, 5, 10], log.Where(e => e.Evaluation is not null).Select(e => e.Step));
        Assert.Equal([0L, 5, 10], report.Evaluations.Select(e => e.Step));
        Assert.Equal([0L, 5, 10], status.Evaluations!.Select(e => e.Step));
        Assert.Equal("cosine_ndcg@10", status.SelectionMetric);
        Assert.Equal(report.KeptStep, status.BestStep);
        Assert.NotNull(report.Verdict);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(outDir, "report.html")));
        Assert.True(File.Exists(Path.Combine(outDir, "model", "tiny.bin")));
        Assert.True(File.Exists(Path.Combine(outDir, "checkpoints", "step-000000010", "COMPLETE")));
    }

    [Fact]
    public async Task A_job_that_mines_reports_the_stage_trains_on_the_mined_rows_and_counts_them_in_eval_json()
    {
        var outDir = Path.Combine(_root, "mined");
        var options = Options with { HardNegatives = HardNegativesMode.Mine, MineMargin = -2 };
        var job = await LocalTrainingJob.PrepareAsync(WritePairs("pairs.jsonl", 50), null, outDir, options, new ScoringOptions(), resume: false);
        var stages = new List<TrainerStage>();
        var runner = new TrainingJobRunner(new LocalArtifactStore(outDir), _ => new TinySentenceModel(new TinyEncoder()))
        {
            HeartbeatInterval = TimeSpan.FromMilliseconds(20),
            OnStage = stages.Add,
        };

        var result = await runner.RunAsync(job);

        Assert.Equal([TrainerStage.Loading, TrainerStage.MiningNegatives, TrainerStage.EvaluatingBase], stages.Take(3));
        var report = EvalReport.FromJson(File.ReadAllText(Path.Combine(outDir, "eval.json")));
        Assert.NotNull(report.Mining);

        // No margin to fail and 39 unrelated candidates for each of the 40 train pairs: every pair gets one.
        Assert.Equal(40, report.Mining.Pairs);
        Assert.Equal(40, report.Mining.PairsMined);
        Assert.Equal(0, report.Mining.PairsWithoutCandidates);
        Assert.Contains(report.Notes, n => n.StartsWith("Hard negatives mined for 40 of 40", StringComparison.Ordinal));
        var rows = await Core.Sharding.PairJsonLines.ReadAllAsync(new LocalArtifactStore(outDir), "checkpoints/" + PairTuner.Training.Mining.MinedTrainingSet.RowsFile);
        Assert.Equal(40, rows.Count);
        Assert.All(rows, r => Assert.NotNull(r.Negative));

        // A mined negative is another pair's text2, so the sampler keeps those two pairs apart: more, smaller batches.
        Assert.True(result.Training.Steps >= 10);
    }

    [Fact]
    public async Task A_resumed_job_keeps_the_log_of_the_attempt_that_died_up_to_its_checkpoint()
    {
        var outDir = Path.Combine(_root, "resumed");
        var job = await LocalTrainingJob.PrepareAsync(WritePairs("pairs.jsonl", 50), null, outDir, Options, new ScoringOptions(), resume: false);
        var store = new LocalArtifactStore(outDir);
        var logPath = Path.Combine(outDir, "training_log.jsonl");

        // The first attempt dies at step 6 (checkpoints at 4 and at the epoch's end, 5); no periodic
        // beat in between, so only the write before each checkpoint stores the log.
        using var kill = new CancellationTokenSource();
        var first = new TrainingJobRunner(store, _ => new TinySentenceModel(new TinyEncoder()))
        {
            HeartbeatInterval = TimeSpan.FromHours(1),
            OnStep = p =>
            {
                if (p.Step == 6)
                {
                    kill.Cancel();
                }
            },
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.RunAsync(job, kill.Token));
        Assert.True(TrainingLog.ReadFile(logPath).Where(e => e.Loss is not null).Select(e => e.Step).Take(5).SequenceEqual([1, 2, 3, 4, 5]));

        var second = new TrainingJobRunner(store, _ => new TinySentenceModel(new TinyEncoder())) { Attempt = 2, HeartbeatInterval = TimeSpan.FromMilliseconds(20) };
        var result = await second.RunAsync(job with { Resume = true, Attempt = 2 });

        Assert.Contains("Training resumed from the checkpoint at step 5.", result.Report.Notes);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), TrainingLog.ReadFile(logPath).Where(e => e.Loss is not null).Select(e => e.Step));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), result.Log.Where(e => e.Loss is not null).Select(e => e.Step));
        Assert.Equal([0L, 5, 10], result.Log.Where(e => e.Evaluation is not null).Select(e => e.Step));
    }

    [Fact]
    public async Task An_eval_file_evaluates_whole_and_the_train_file_trains_whole()
    {
        var job = await LocalTrainingJob.PrepareAsync(WritePairs("train.jsonl", 30), WritePairs("eval.jsonl", 7), Path.Combine(_root, "two"), Options, new ScoringOptions(), resume: false);
        var store = new LocalArtifactStore(Path.Combine(_root, "two"));
        var train = 0;
        foreach (var path in job.Train)
        {
            train += (await Core.Sharding.PairJsonLines.ReadAllAsync(store, path)).Count;
        }

        var eval = 0;
        foreach (var path in job.Eval)
        {
            eval += (await Core.Sharding.PairJsonLines.ReadAllAsync(store, path)).Count;
        }

        Assert.Equal(30, train);
        Assert.Equal(7, eval);
    }

    [Fact]
    public async Task A_failing_job_says_failed_in_its_status_and_throws()
    {
        var store = new LocalArtifactStore(_root);
        var job = new TrainingJob
        {
            RunId = "r1", Train = ["runs/r1/train/0.jsonl"], Eval = ["runs/r1/eval/0.jsonl"], OutputModel = "models/r1/",
            Checkpoints = "runs/r1/checkpoints/", Status = "runs/r1/status.json", EvalReport = "runs/r1/eval.json",
            ReportHtml = "runs/r1/report.html", TrainingLog = "runs/r1/training_log.jsonl", Options = Options,
        };
        var runner = new TrainingJobRunner(store, _ => new TinySentenceModel(new TinyEncoder())) { Attempt = 2 };

        await Assert.ThrowsAsync<FileNotFoundException>(() => runner.RunAsync(job));

        var status = JsonSerializer.Deserialize<TrainerStatus>(File.ReadAllText(Path.Combine(_root, "runs/r1/status.json")), PairTunerJson.Options)!;
        Assert.Equal(TrainerStage.Failed, status.Stage);
        Assert.Equal(2, status.Attempt);
        Assert.Contains("train/0.jsonl", status.Message);
    }

    [Fact]
    public async Task A_missing_job_file_is_named_in_the_error()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => TrainingJobRunner.ReadJobAsync(new LocalArtifactStore(_root), "runs/none/job.json"));
        Assert.Contains("runs/none/job.json", error.Message);
    }

    [Fact]
    public async Task A_job_file_with_an_option_no_run_may_use_is_refused_naming_the_option()
    {
        var store = new LocalArtifactStore(_root);
        var job = JsonSerializer.Serialize(new TrainingJob
        {
            RunId = "bad", Train = ["pairs/train/"], Eval = ["pairs/eval/"], OutputModel = "models/bad/", Checkpoints = "runs/bad/checkpoints/",
            Status = "runs/bad/status.json", EvalReport = "runs/bad/eval.json", ReportHtml = "runs/bad/report.html", TrainingLog = "runs/bad/training_log.jsonl",
            Options = new TrainingOptions { BatchSize = 1, Device = "tpu" },
        }, PairTunerJson.Options);
        await store.WriteAsync("runs/bad/job.json", new MemoryStream(Encoding.UTF8.GetBytes(job)));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => TrainingJobRunner.ReadJobAsync(store, "runs/bad/job.json"));
        Assert.Contains("runs/bad/job.json", error.Message);
        Assert.Contains("batchSize = \"1\" (job.json): must be an integer from 2 to 65536", error.Message);
        Assert.Contains("device = \"tpu\"", error.Message);
    }
}
