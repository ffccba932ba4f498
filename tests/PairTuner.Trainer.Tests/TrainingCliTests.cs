using PairTuner.Contracts.Jobs;
using PairTuner.Trainer;
using PairTuner.Training.Trainer;

namespace PairTuner.Trainer.Tests;

public sealed class TrainingCliTests
{
    [Fact]
    public void Cuda_without_a_gpu_says_so_and_how_to_train_instead()
    {
        // This build carries the CPU libtorch, so TorchSharp never sees a GPU here.
        var error = Assert.Throws<NotSupportedException>(() => SentenceModels.EnsureDevice("cuda"));
        Assert.Contains("--device cuda", error.Message);
        Assert.Contains("no CUDA GPU", error.Message);
        Assert.Contains("does not fall back to the CPU", error.Message);
        Assert.Contains("--device cpu", error.Message);
        SentenceModels.EnsureDevice("cpu");
    }

    [Fact]
    public void Defaults_bind_to_the_reference_recipe()
    {
        var set = new TrainingOptionSet();
        var command = new System.CommandLine.Command("t");
        set.AddTo(command);
        Assert.Equal(new TrainingOptions(), set.Bind(command.Parse([])));

        var typed = set.Bind(command.Parse(["--similarity", "cos", "--loss", "cached", "--precision", "bf16", "--epochs", "1"]));
        Assert.Equal(SimilarityFunction.Cos, typed.Similarity);
        Assert.Equal(20, typed.EffectiveScale);
        Assert.Equal(LossKind.Cached, typed.Loss);
        Assert.Equal(Precision.Bf16, typed.Precision);
        Assert.Equal(1, typed.Epochs);
    }

    [Fact]
    public void Progress_line_shows_epoch_step_loss_rate_and_eta()
    {
        var line = ConsoleTrainingProgress.Format(new TrainingProgress
        {
            Epoch = 2, Epochs = 8, Step = 90, TotalSteps = 360, Loss = 0.41234, LearningRate = 1.9e-5, GradNorm = 1,
            BatchPairs = 32, PairsPerSecond = 35.24, EtaSeconds = 3725, Elapsed = TimeSpan.FromSeconds(10),
        });
        Assert.Equal("epoch 2/8 [#####---------------] step 90/360 loss 0.4123 lr 1.9e-05 35.2 pairs/s ETA 1:02:05", line);
    }

    [Fact]
    public void Plain_output_prints_the_first_and_last_step_and_not_every_one()
    {
        var writer = new StringWriter();
        var progress = new ConsoleTrainingProgress(writer, live: false, plainEvery: TimeSpan.FromHours(1));
        for (var step = 1; step <= 5; step++)
        {
            progress.Step(new TrainingProgress
            {
                Epoch = 1, Epochs = 1, Step = step, TotalSteps = 5, Loss = 1, LearningRate = 1e-5, GradNorm = 1,
                BatchPairs = 32, PairsPerSecond = 1, EtaSeconds = 5 - step, Elapsed = TimeSpan.FromSeconds(step),
            });
        }

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("step 1/5", lines[0]);
        Assert.Contains("step 5/5", lines[1]);
    }
}
