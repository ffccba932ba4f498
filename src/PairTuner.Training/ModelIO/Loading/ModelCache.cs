using PairTuner.Training.ModelIO.Hub;

namespace PairTuner.Training.ModelIO.Loading;

/// <summary>
/// Where converted and downloaded models live: <c>PAIRTUNER_CACHE</c>, default <c>~/.cache/pairtuner</c>.
/// <code>
/// builtin/all-MiniLM-L6-v2-24.9.52193/   the builtin ONNX weights as a sentence-transformers folder
/// hub/{owner}--{name}/{revision}/         Hub downloads
/// </code>
/// Entries are written to a staging folder and renamed into place, so an entry that exists is
/// complete; delete an entry to fetch or convert it again.
/// </summary>
public sealed record ModelCache(string Root)
{
    public const string Variable = "PAIRTUNER_CACHE";

    /// <summary>The cache named by <c>PAIRTUNER_CACHE</c>, else <c>~/.cache/pairtuner</c>.</summary>
    public static ModelCache FromEnvironment()
    {
        var root = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(root))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            root = Path.Combine(string.IsNullOrEmpty(home) ? Path.GetTempPath() : home, ".cache", "pairtuner");
        }

        return new ModelCache(Path.GetFullPath(root));
    }

    /// <summary>The cache entry of the builtin model, named by the package version it came from.</summary>
    public string BuiltinFolder(string packageVersion) => Path.Combine(Root, "builtin", $"all-MiniLM-L6-v2-{packageVersion}");

    /// <summary>The cache entry of a Hub download; a revision with slashes (refs/pr/1) becomes one folder name.</summary>
    public string HubFolder(HubModelId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Path.Combine(Root, "hub", id.Repo.Replace("/", "--", StringComparison.Ordinal), id.Revision.Replace('/', '_'));
    }
}
