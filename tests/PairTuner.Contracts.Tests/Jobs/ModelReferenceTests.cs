using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Runs;

namespace PairTuner.Contracts.Tests.Jobs;

public class ModelReferenceTests
{
    [Theory]
    [InlineData("models/tickets-3fa2c41b09de/", true)]
    [InlineData("models/a/", true)]
    [InlineData("models/", false)]
    [InlineData("models//", false)]
    [InlineData("models/run-1", false)]
    [InlineData("models/Upper/", false)]
    [InlineData("models/../secrets/", false)]
    [InlineData("models/a/b/", false)]
    [InlineData("models/run-1/\n", false)]
    [InlineData("runs/run-1/", false)]
    [InlineData(null, false)]
    public void A_stored_model_is_a_runs_model_folder_with_a_valid_run_id(string? model, bool stored)
        => Assert.Equal(stored, ModelReference.IsStored(model));

    [Fact]
    public void A_runs_model_folder_is_a_stored_model()
        => Assert.True(ModelReference.IsStored(new RunPaths("support-tickets-3fa2c41b09de").Model));
}
