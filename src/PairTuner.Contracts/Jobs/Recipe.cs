namespace PairTuner.Contracts.Jobs;

/// <summary>
/// The starting point of a run's settings, beneath every option given explicitly. <see cref="Default"/>
/// is sentence-transformers' own MNRL defaults (cos, scale 20, warm-up 10% of the steps);
/// <see cref="Seed"/> is the original reference recipe, exactly (see <see cref="TrainingOptions.ForRecipe"/>).
/// </summary>
public enum Recipe
{
    Default,
    Seed,
}
