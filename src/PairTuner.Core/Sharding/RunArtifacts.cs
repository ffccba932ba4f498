using System.Globalization;

namespace PairTuner.Core.Sharding;

/// <summary>Artifact paths of a run's pairs data under its prefix (<c>runs/{id}/</c>), as docs/design.md lays them out.</summary>
public static class RunArtifacts
{
    public static string Validation(string runPrefix) => Prefix(runPrefix) + "validation.json";

    public static string Shard(string runPrefix, int index) => Numbered(runPrefix, "shards/", index);

    public static string Train(string runPrefix, int index) => Numbered(runPrefix, "train/", index);

    public static string Eval(string runPrefix, int index) => Numbered(runPrefix, "eval/", index);

    /// <summary>Throws unless <paramref name="runPrefix"/> is an artifact folder, <c>container/...</c>, ending in <c>/</c>.</summary>
    public static string Prefix(string runPrefix)
    {
        ArgumentNullException.ThrowIfNull(runPrefix);
        if (runPrefix.Length < 2 || !runPrefix.EndsWith('/') || runPrefix.StartsWith('/'))
        {
            throw new ArgumentException($"A run prefix is an artifact folder like 'runs/{{id}}/' ending in '/'; got '{runPrefix}'.", nameof(runPrefix));
        }

        return runPrefix;
    }

    private static string Numbered(string runPrefix, string folder, int index)
        => Prefix(runPrefix) + folder + index.ToString(CultureInfo.InvariantCulture) + ".jsonl";
}
