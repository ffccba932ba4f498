using PairTuner.Contracts.Jobs;

namespace PairTuner.Contracts.Tests.Jobs;

public sealed class TrainingOptionsTests
{
    [Fact]
    public void The_default_recipe_is_the_libraries_mnrl_defaults()
    {
        var options = TrainingOptions.ForRecipe(Recipe.Default);

        Assert.Equal(new TrainingOptions(), options);
        Assert.Equal(SimilarityFunction.Cos, options.Similarity);
        Assert.Equal(20, options.EffectiveScale);
        Assert.Equal(1, options.Epochs);
        Assert.Equal(32, options.BatchSize);
        Assert.Equal(5, options.WarmupStepsFor(43));      // ceil(0.1 * 43): the main job leaves warm-up
        Assert.Equal("cosine_ndcg@10", options.SelectionMetric);
    }

    [Fact]
    public void The_seed_recipe_sets_every_setting_of_the_reference_recipe()
    {
        var options = TrainingOptions.ForRecipe(Recipe.Seed);

        Assert.Equal(Recipe.Seed, options.Recipe);
        Assert.Equal(SimilarityFunction.Dot, options.Similarity);
        Assert.Equal(1, options.EffectiveScale);
        Assert.Equal(8, options.Epochs);
        Assert.Equal(32, options.BatchSize);
        Assert.Equal(100, options.WarmupStepsFor(43));
        Assert.Equal(100, options.WarmupStepsFor(10_000));
    }

    [Fact]
    public void Warmup_steps_above_zero_win_over_the_ratio()
    {
        Assert.Equal(7, new TrainingOptions { WarmupSteps = 7, WarmupRatio = 0.5 }.WarmupStepsFor(1000));
        Assert.Equal(500, new TrainingOptions { WarmupRatio = 0.5 }.WarmupStepsFor(1000));
        Assert.Equal(0, new TrainingOptions { WarmupRatio = 0 }.WarmupStepsFor(1000));
    }
}
