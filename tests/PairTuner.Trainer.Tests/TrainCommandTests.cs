using PairTuner.Trainer;

namespace PairTuner.Trainer.Tests;

public sealed class TrainCommandTests
{
    [Fact]
    public void Needs_train_and_out_or_a_job()
    {
        var errors = TrainCommand.Create().Parse(["--train", "pairs.jsonl"]).Errors;
        Assert.Contains(errors, e => e.Message.Contains("--out DIR"));

        var both = TrainCommand.Create().Parse(["--job", "runs/x/job.json", "--train", "a.jsonl", "--out", "o"]).Errors;
        Assert.Contains(both, e => e.Message.Contains("either --job"));

        Assert.Empty(TrainCommand.Create().Parse(["--job", "runs/x/job.json"]).Errors);
    }

    [Theory]
    [InlineData("--similarity", "euclid")]
    [InlineData("--loss", "triplet")]
    [InlineData("--precision", "fp16")]
    public void Rejects_values_outside_the_contract(string option, string value)
    {
        var errors = TrainCommand.Create().Parse(["--train", "a.jsonl", "--out", "o", option, value]).Errors;
        Assert.NotEmpty(errors);
    }

    [Fact]
    public void Every_contract_option_exists()
    {
        var command = TrainCommand.Create();
        string[] contract =
        [
            "--epochs", "--batch-size", "--warmup-steps", "--lr", "--weight-decay", "--max-grad-norm", "--similarity", "--scale",
            "--loss", "--mini-batch-size", "--max-seq-length", "--precision", "--seed", "--checkpoint-every", "--resume", "--device", "--model",
            "--train", "--eval", "--out", "--job",
        ];
        Assert.All(contract, name => Assert.Contains(command.Options, o => o.Name == name));
    }
}
