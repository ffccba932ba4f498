using PairTuner.Contracts.Runs;

namespace PairTuner.Contracts.Tests.Runs;

public class RunPathsTests
{
    [Fact]
    public void Every_path_of_a_run_is_the_blob_name_users_see()
    {
        // docs/design.md's blob layout: these names are read by people, scripts and older runs.
        var run = new RunPaths("tickets-3fa2c41b09de");

        Assert.Equal("runs/tickets-3fa2c41b09de/", run.Prefix);
        Assert.Equal("runs/tickets-3fa2c41b09de/input.jsonl", run.InlineInput);
        Assert.Equal("runs/tickets-3fa2c41b09de/request.json", run.Request);
        Assert.Equal("runs/tickets-3fa2c41b09de/started.json", run.Started);
        Assert.Equal("runs/tickets-3fa2c41b09de/validation.json", run.Validation);
        Assert.Equal("runs/tickets-3fa2c41b09de/shards/", run.ShardsPrefix);
        Assert.Equal("runs/tickets-3fa2c41b09de/shards/12.jsonl", run.Shard(12));
        Assert.Equal("runs/tickets-3fa2c41b09de/train/0.jsonl", run.Train(0));
        Assert.Equal("runs/tickets-3fa2c41b09de/eval/3.jsonl", run.Eval(3));
        Assert.Equal("runs/tickets-3fa2c41b09de/job.json", run.Job);
        Assert.Equal("runs/tickets-3fa2c41b09de/status.json", run.Status);
        Assert.Equal("runs/tickets-3fa2c41b09de/checkpoints/", run.Checkpoints);
        Assert.Equal("runs/tickets-3fa2c41b09de/eval.json", run.EvalReport);
        Assert.Equal("runs/tickets-3fa2c41b09de/report.html", run.ReportHtml);
        Assert.Equal("runs/tickets-3fa2c41b09de/training_log.jsonl", run.TrainingLog);
        Assert.Equal("runs/tickets-3fa2c41b09de/summary.json", run.Summary);
        Assert.Equal("runs/tickets-3fa2c41b09de/error.json", run.Error);
        Assert.Equal("models/tickets-3fa2c41b09de/", run.Model);
        Assert.Equal("models/tickets-3fa2c41b09de/onnx/model.onnx", run.Onnx);
    }

    [Fact]
    public void Pairs_data_under_any_prefix_has_the_same_names_as_under_a_run()
    {
        var run = new RunPaths("local-1");

        Assert.Equal(run.Validation, RunPaths.ValidationUnder(run.Prefix));
        Assert.Equal(run.Shard(2), RunPaths.ShardUnder(run.Prefix, 2));
        Assert.Equal("scratch/data/train/1.jsonl", RunPaths.TrainUnder("scratch/data/", 1));
        Assert.Equal("scratch/data/eval/1.jsonl", RunPaths.EvalUnder("scratch/data/", 1));
    }

    [Theory]
    [InlineData("runs/x")]
    [InlineData("/runs/x/")]
    [InlineData("/")]
    public void A_prefix_must_be_a_folder_inside_a_container(string prefix)
    {
        var error = Assert.Throws<ArgumentException>(() => RunPaths.ShardUnder(prefix, 0));

        Assert.Contains($"got '{prefix}'", error.Message, StringComparison.Ordinal);
    }
}
