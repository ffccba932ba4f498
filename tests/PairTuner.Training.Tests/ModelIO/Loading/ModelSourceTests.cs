using PairTuner.Training.ModelIO.Hub;
using PairTuner.Training.ModelIO.Loading;

namespace PairTuner.Training.Tests.ModelIO.Loading;

public class ModelSourceTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("builtin")]
    [InlineData("BUILTIN")]
    public void Empty_or_builtin_is_the_builtin_model(string? model)
        => Assert.Equal(ModelSourceKind.Builtin, ModelSource.Parse(model).Kind);

    [Theory]
    [InlineData("sentence-transformers/all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2", "main")]
    [InlineData("org/model@v1.0", "org/model", "v1.0")]
    [InlineData("org/model@refs/pr/3", "org/model", "refs/pr/3")]
    public void Owner_slash_name_is_a_Hub_id(string model, string repo, string revision)
    {
        var source = ModelSource.Parse(model);
        Assert.Equal(ModelSourceKind.Hub, source.Kind);
        Assert.Equal(new HubModelId(repo, revision), source.HubId);
    }

    [Fact]
    public void An_existing_folder_wins_over_a_Hub_id_spelling()
    {
        // Relative to the working directory, as a user would type it; a unique owner keeps parallel tests apart.
        var owner = "pt-" + Guid.NewGuid().ToString("N")[..8];
        var folder = Path.GetFullPath(Path.Combine(owner, "model"));
        Directory.CreateDirectory(folder);
        try
        {
            var source = ModelSource.Parse($"{owner}/model");
            Assert.Equal(ModelSourceKind.Folder, source.Kind);
            Assert.Equal(folder, source.FolderPath);
        }
        finally
        {
            Directory.Delete(Path.GetFullPath(owner), recursive: true);
        }
    }

    [Theory]
    [InlineData("./missing-folder")]
    [InlineData("/no/such/model")]
    [InlineData("just-a-name")]
    [InlineData("a/b/c")]
    [InlineData("org/../etc")]
    public void Anything_else_is_refused_with_the_accepted_forms(string model)
    {
        var error = Assert.Throws<ArgumentException>(() => ModelSource.Parse(model));
        Assert.Contains($"--model '{model}'", error.Message);
        Assert.Contains("builtin", error.Message);
    }
}
