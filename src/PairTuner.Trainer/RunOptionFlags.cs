using System.CommandLine;
using PairTuner.Contracts.Options;

namespace PairTuner.Trainer;

/// <summary>
/// One flag per option (<c>--batch-size</c>, <c>--warmup-steps</c>, ... as in docs/options.md),
/// generated from <see cref="RunOptionCatalog"/> for <c>pairtuner run</c> (every option) and
/// <c>pairtuner train</c> (those that <see cref="RunOption.Trains"/>), so neither command can lack
/// an option or take other values than the API, blob metadata and app settings. Values stay text:
/// the catalog parses them, at parse time for a flag on its own and in the builder for rules
/// between options.
/// </summary>
public sealed class RunOptionFlags
{
    private readonly List<(RunOption Option, Option<string?> Flag)> _flags;
    private readonly bool _localModelFolders;

    private RunOptionFlags(List<(RunOption Option, Option<string?> Flag)> flags, bool localModelFolders)
    {
        _flags = flags;
        _localModelFolders = localModelFolders;
    }

    public IEnumerable<Option> Flags => _flags.Select(f => (Option)f.Flag);

    /// <summary>Every run option's flag, for <c>pairtuner run</c>.</summary>
    public static RunOptionFlags Create() => Create(RunOptionCatalog.All, localModelFolders: false);

    /// <summary>
    /// Flags for <paramref name="options"/>; with <paramref name="localModelFolders"/>, <c>--model</c>
    /// also takes a folder on this machine (where the command reads the model itself).
    /// <paramref name="descriptions"/> and <paramref name="defaults"/> replace, by option name, the
    /// catalog's description and default text where a command means more (train's <c>--model</c>
    /// takes a folder) or starts elsewhere (embed's <c>--max-seq-length</c> is the model's own);
    /// what a flag allows and how it refuses a value always come from the catalog.
    /// </summary>
    public static RunOptionFlags Create(
        IEnumerable<RunOption> options,
        bool localModelFolders,
        IReadOnlyDictionary<string, string>? descriptions = null,
        IReadOnlyDictionary<string, string>? defaults = null)
    {
        var flags = new List<(RunOption, Option<string?>)>();
        foreach (var option in options)
        {
            var description = descriptions?.GetValueOrDefault(option.Name) ?? option.Description;
            var defaultText = defaults?.GetValueOrDefault(option.Name) ?? option.DefaultText;
            var flag = new Option<string?>(option.CliFlag, [.. option.CliAliases])
            {
                Description = $"{description} Default {defaultText}; {option.Allowed}.",
                HelpName = "value",
            };
            flag.Validators.Add(result =>
            {
                var value = result.GetValueOrDefault<string?>();
                if (value is not null && !option.Accepts(value) && !IsLocalModel(option, value, localModelFolders))
                {
                    result.AddError($"{option.CliFlag} '{value}': must be {option.Allowed}.");
                }
            });
            flags.Add((option, flag));
        }

        return new RunOptionFlags(flags, localModelFolders);
    }

    /// <summary>Whether the flag of the option named <paramref name="name"/> was given on this command line.</summary>
    public bool IsGiven(ParseResult parse, string name)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return _flags.Any(f => f.Option.Name == name && parse.GetValue(f.Flag) is not null);
    }

    /// <summary>The options given on this command line, as (name, value).</summary>
    public IEnumerable<(string Key, string Value)> Values(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        foreach (var (option, flag) in _flags)
        {
            if (parse.GetValue(flag) is { } value)
            {
                yield return (option.Name, value);
            }
        }
    }

    /// <summary>
    /// <paramref name="baseline"/> with the flags given on this command line applied through the
    /// catalog; throws <see cref="RunOptionsException"/> naming every bad value.
    /// </summary>
    public RunOptions Bind(ParseResult parse, RunOptions baseline)
    {
        var builder = RunOptionsBuilder.Create(baseline);
        string? folder = null;
        foreach (var (key, value) in Values(parse))
        {
            // A local folder is no value the catalog knows (it means nothing on another machine): set it after the checks.
            if (key == "model" && IsLocalModel(RunOptionCatalog.Find(key)!, value, _localModelFolders))
            {
                folder = value;
                continue;
            }

            builder.Add(OptionSource.CommandLine, key, value);
        }

        var options = builder.Build();
        return folder is null ? options : options with { Training = options.Training with { Model = folder } };
    }

    private static bool IsLocalModel(RunOption option, string value, bool localModelFolders) =>
        localModelFolders && option.Name == "model" && !option.Accepts(value) && Directory.Exists(value);
}
