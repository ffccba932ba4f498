using System.Text.Json;
using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Storage;
using PairTuner.Contracts.Verdicts;
using PairTuner.Core.Scoring;
using PairTuner.Training.Checkpoints;
using PairTuner.Training.Reporting;
using PairTuner.Training.Tests.TestModels;
using PairTuner.Training.Trainer;

namespace PairTuner.Training.Tests.Trainer;

/// <summary>
/// load_best_model_at_end: the published weights are those of the best evaluation, the base model
/// included, and they survive a relaunch. <see cref="ScriptedQualityModel"/> makes each new set of
/// weights score what the test scripts, and tells which weights were saved.
/// </summary>
[Collection(TorchRandomCollection.Name)]
public sealed class BestEvaluationSelectionTests : IDisposable
{
    private const int Queries = 40;

    // 40 train pairs in batches of 8: 5 steps an epoch; evaluations at steps 0, 5, 10, 15.
    private static readonly TrainingOptions Options = new()
    {
        Epochs = 3, BatchSize = 8, WarmupSteps = 1, Lr = 5e-3, Seed = 5, CheckpointEvery = 0,
    };

    private readonly string _root = Directory.CreateTempSubdirectory("pairtuner-best-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Evaluations_that_rise_then_fall_publish_the_best_step()
    {
        var script = new ScriptedQualityModel.Script(Queries, 10, 25, 35, 20);
        using var model = new ScriptedQualityModel(script);

        var result = await Run(model, "rise-fall");

        Assert.Equal([0L, 5, 10, 15], result.Report.Evaluations.Select(e => e.Step));
        Assert.Equal([0.25, 0.625, 0.875, 0.5], result.Report.Evaluations.Select(e => Math.Round(e.Metrics["cosine_ndcg@10"], 6)));
        Assert.Equal(10, result.Report.KeptStep);
        Assert.Equal(script.Seen[2].Fingerprint, SavedFingerprint(result.ModelFolder));
        var verdict = result.Report.Verdict!;
        Assert.Equal(VerdictOutcome.Improved, verdict.Outcome);
        Assert.Equal(0.875 - 0.25, verdict.Change, 12);
        Assert.True(verdict.Interval.Low > 0);
        Assert.Equal(Queries, verdict.Units);
        Assert.Equal(0.875, result.Report.Tuned["cosine_ndcg@10"], 12);
    }

    [Fact]
    public async Task Evaluations_that_never_beat_the_base_publish_the_base_and_say_so()
    {
        var script = new ScriptedQualityModel.Script(Queries, 30, 20, 15, 10);
        using var model = new ScriptedQualityModel(script);

        var result = await Run(model, "never");

        Assert.Equal(0, result.Report.KeptStep);
        Assert.Equal(script.Seen[0].Fingerprint, SavedFingerprint(result.ModelFolder));
        var verdict = result.Report.Verdict!;
        Assert.Equal(VerdictOutcome.WorseThanBase, verdict.Outcome);
        Assert.Equal("worse than base (base kept)", verdict.Text);
        Assert.True(verdict.BaseKept);
        Assert.Equal(0.25 - 0.75, verdict.Change, 12);
        Assert.Equal(result.Report.Base["cosine_ndcg@10"], result.Report.Tuned["cosine_ndcg@10"], 12);
        Assert.Equal(0.25, result.Report.Candidate!["cosine_ndcg@10"], 12);
        Assert.Contains(result.Report.Notes, n => n.Contains("base model was published", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_relaunched_trainer_still_publishes_the_best_weights_of_the_attempt_that_died()
    {
        var outDir = Path.Combine(_root, "resume");
        var train = WriteJsonl("train.jsonl", SyntheticPairs.Create(Queries).Select(p => new { text1 = p.Text1, text2 = p.Text2 }));
        var eval = WriteJsonl("eval.jsonl", ScriptedQualityModel.EvalPairs(Queries).Select(p => new { text1 = p.Text1, text2 = p.Text2 }));
        var job = await LocalTrainingJob.PrepareAsync(train, eval, outDir, Options, new ScoringOptions(), resume: false);
        var store = new LocalArtifactStore(outDir);
        var script = new ScriptedQualityModel.Script(Queries, 10, 35, 20, 15);

        // The first attempt dies at step 11: the best (step 5) and the checkpoint at step 10 are stored.
        using var kill = new CancellationTokenSource();
        var first = new TrainingJobRunner(store, _ => new ScriptedQualityModel(script))
        {
            HeartbeatInterval = TimeSpan.FromHours(1),
            OnStep = p =>
            {
                if (p.Step == 11)
                {
                    kill.Cancel();
                }
            },
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.RunAsync(job, kill.Token));
        Assert.True(File.Exists(Path.Combine(outDir, "checkpoints", "best", "step-000000005", CheckpointStore.WeightsFile)));

        var second = new TrainingJobRunner(store, _ => new ScriptedQualityModel(script)) { Attempt = 2 };
        var result = await second.RunAsync(job with { Resume = true, Attempt = 2 });

        Assert.Contains("Training resumed from the checkpoint at step 10.", result.Report.Notes);
        Assert.Equal([0L, 5, 10, 15], result.Report.Evaluations.Select(e => e.Step));
        Assert.Equal(5, result.Report.KeptStep);
        Assert.Equal(script.Seen[1].Fingerprint, SavedFingerprint(Path.Combine(outDir, "model")));
        Assert.Equal(VerdictOutcome.Improved, result.Report.Verdict!.Outcome);
    }

    private async Task<TrainingRunResult> Run(ScriptedQualityModel model, string name)
    {
        var run = new TrainingRun(model);
        return await run.RunAsync(new TrainingRunInputs
        {
            Train = SyntheticPairs.Create(Queries),
            Eval = ScriptedQualityModel.EvalPairs(Queries),
            Options = Options,
            ModelFolder = Path.Combine(_root, name, "model"),
            Checkpoints = new CheckpointStore(new LocalArtifactStore(Path.Combine(_root, name)), "checkpoints/"),
        });
    }

    private string WriteJsonl(string name, IEnumerable<object> rows)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllLines(path, rows.Select(r => JsonSerializer.Serialize(r)));
        return path;
    }

    private static string SavedFingerprint(string folder)
    {
        using var encoder = new TinyEncoder(dropoutProbability: 0);
        encoder.load(Path.Combine(folder, "tiny.bin"));
        return ScriptedQualityModel.Fingerprint(encoder.NamedParameters);
    }
}
