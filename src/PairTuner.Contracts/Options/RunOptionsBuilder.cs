using System.Globalization;
using System.Text.Json;
using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Scoring;

namespace PairTuner.Contracts.Options;

/// <summary>
/// Merges a run's options from app settings, the pairs blob's metadata and the request body (or
/// the command line), in that rising priority, and validates them before anything runs.
/// Every value given is checked, even one that a higher source overrides (a broken app setting is
/// a bug to fix, not to hide), and <see cref="Build"/> names every bad value in one error.
/// </summary>
/// <example>
/// <code>
/// var options = RunOptionsBuilder.Create()
///     .AddAppSettings(configuration.GetSection(RunOptionCatalog.SettingsSection).AsEnumerable(makePathsRelative: true))
///     .AddBlobMetadata(properties.Metadata)
///     .Build();
/// </code>
/// </example>
public sealed class RunOptionsBuilder
{
    private readonly RunOptions _baseline;
    private readonly List<Entry> _entries = [];
    private readonly List<string> _ignoredMetadataKeys = [];

    private RunOptionsBuilder(RunOptions baseline) => _baseline = baseline;

    /// <summary>Blob metadata keys that are no option (other tools' metadata); ignored, and listed here so hosts can log them.</summary>
    public IReadOnlyList<string> IgnoredMetadataKeys => _ignoredMetadataKeys;

    public static RunOptionsBuilder Create(RunOptions? baseline = null) => new(baseline ?? new RunOptions());

    /// <summary>
    /// Adds app settings whose keys are option names (the children of <see cref="RunOptionCatalog.SettingsSection"/>).
    /// A key with a section prefix (<c>PairTuner:Defaults:epochs</c>) is accepted too; entries without a value (section nodes) are skipped.
    /// </summary>
    public RunOptionsBuilder AddAppSettings(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var (key, value) in settings)
        {
            if (value is null)
            {
                continue;
            }

            var name = key.StartsWith(RunOptionCatalog.SettingsSection + ":", StringComparison.OrdinalIgnoreCase)
                ? key[(RunOptionCatalog.SettingsSection.Length + 1)..]
                : key;
            Add(OptionSource.AppSettings, name, value);
        }

        return this;
    }

    /// <summary>Adds the pairs blob's metadata. Keys that name no option are ignored (see <see cref="IgnoredMetadataKeys"/>).</summary>
    public RunOptionsBuilder AddBlobMetadata(IEnumerable<KeyValuePair<string, string>> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        foreach (var (key, value) in metadata)
        {
            if (RunOptionCatalog.Find(key) is null)
            {
                _ignoredMetadataKeys.Add(key);
                continue;
            }

            Add(OptionSource.BlobMetadata, key, value);
        }

        return this;
    }

    /// <summary>Adds one field of a JSON body; a number, string or boolean is read as its text, null as "default".</summary>
    public RunOptionsBuilder AddJson(OptionSource source, string key, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return Add(source, key, value.GetString());
            case JsonValueKind.Number:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return Add(source, key, value.GetRawText());
            case JsonValueKind.Null:
                return Add(source, key, null);
            default:
                _entries.Add(new Entry(source, key, value.GetRawText(), IsScalar: false));
                return this;
        }
    }

    /// <summary>Adds one option value from <paramref name="source"/>; unknown keys are errors at <see cref="Build"/>.</summary>
    public RunOptionsBuilder Add(OptionSource source, string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        _entries.Add(new Entry(source, key, value, IsScalar: true));
        return this;
    }

    /// <summary>The merged, validated options; throws <see cref="RunOptionsException"/> naming every bad value.</summary>
    public RunOptions Build() =>
        TryBuild(out var options, out var errors) ? options : throw new RunOptionsException(errors);

    public bool TryBuild(out RunOptions options, out IReadOnlyList<OptionError> errors)
    {
        var problems = new List<OptionError>();
        var seen = new Dictionary<(OptionSource, RunOption), string>();
        options = _baseline;

        // A stable sort keeps the order within a source; the higher source is applied last and wins.
        // The recipe goes first from every source: it sets several options, and those given explicitly override it.
        foreach (var entry in _entries.OrderBy(e => IsRecipe(e) ? 0 : 1).ThenBy(e => (int)e.Source))
        {
            var option = RunOptionCatalog.Find(entry.Key);
            if (option is null)
            {
                var hint = RunOptionCatalog.Closest(entry.Key) is { } near ? $"; did you mean {near.Name}?" : "; see the options table in docs/options.md";
                problems.Add(new OptionError(entry.Key, entry.Value, entry.Source, "no such option" + hint));
                continue;
            }

            if (seen.TryGetValue((entry.Source, option), out var firstKey))
            {
                problems.Add(new OptionError(option.Name, entry.Value, entry.Source, $"given twice (as {firstKey} and {entry.Key})"));
                continue;
            }

            seen.Add((entry.Source, option), entry.Key);
            if (!entry.IsScalar || !option.TryApply(options, entry.Value, out var updated))
            {
                problems.Add(new OptionError(option.Name, entry.Value, entry.Source, "must be " + option.Allowed));
                continue;
            }

            options = updated;
        }

        CheckTogether(options, problems, seen);
        CheckMinScore(options, problems, seen);
        errors = problems;
        return problems.Count == 0;
    }

    private static bool IsRecipe(Entry entry) => RunOptionCatalog.Find(entry.Key)?.Name == "recipe";

    /// <summary>Rules between options, checked on the merged values.</summary>
    private static void CheckTogether(RunOptions options, List<OptionError> problems, Dictionary<(OptionSource, RunOption), string> seen)
    {
        var training = options.Training;
        if (training.MineRangeMax is { } rangeMax && rangeMax <= training.MineRangeMin)
        {
            var option = RunOptionCatalog.Find("mineRangeMax")!;
            problems.Add(new OptionError(
                option.Name,
                rangeMax.ToString(CultureInfo.InvariantCulture),
                SourceOf(option, seen),
                $"must be above mineRangeMin ({training.MineRangeMin.ToString(CultureInfo.InvariantCulture)})"));
        }

        if (training.Loss == LossKind.Cached && training.MiniBatchSize > training.BatchSize)
        {
            var miniBatch = RunOptionCatalog.Find("miniBatchSize")!;
            problems.Add(new OptionError(
                miniBatch.Name,
                training.MiniBatchSize.ToString(CultureInfo.InvariantCulture),
                SourceOf(miniBatch, seen),
                $"must be at most batchSize ({training.BatchSize.ToString(CultureInfo.InvariantCulture)}) with the cached loss"));
        }
    }

    private static void CheckMinScore(RunOptions options, List<OptionError> problems, Dictionary<(OptionSource, RunOption), string> seen)
    {
        if (options.MinScore is { } min && !ScoreScale.Contains(options.Rescale, min))
        {
            var option = RunOptionCatalog.Find("minScore")!;
            problems.Add(new OptionError(
                option.Name,
                min.ToString(CultureInfo.InvariantCulture),
                SourceOf(option, seen),
                $"must lie in the file's score range {ScoreScale.Describe(options.Rescale)} (rescale); set rescale to 0-5 or 1-5 for such scores"));
        }
    }

    private static OptionSource SourceOf(RunOption option, Dictionary<(OptionSource, RunOption), string> seen) =>
        seen.Keys.Where(k => k.Item2 == option).Select(k => k.Item1).DefaultIfEmpty(OptionSource.AppSettings).Max();

    private sealed record Entry(OptionSource Source, string Key, string? Value, bool IsScalar);
}
