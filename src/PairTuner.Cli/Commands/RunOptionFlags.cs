using System.CommandLine;
using PairTuner.Workflow.Options;

namespace PairTuner.Cli.Commands;

/// <summary>
/// One flag per run option (<c>--batch-size</c>, <c>--warmup-steps</c>, ... as in docs/options.md's
/// options table), generated from <see cref="RunOptionCatalog"/> so the command line can never
/// lack an option the API and blob metadata take. Values stay text: the catalog parses and
/// validates them, with every bad one named in one error.
/// </summary>
internal sealed class RunOptionFlags
{
    private readonly List<(RunOption Option, Option<string?> Flag)> _flags;

    private RunOptionFlags(List<(RunOption Option, Option<string?> Flag)> flags) => _flags = flags;

    public IEnumerable<Option> Flags => _flags.Select(f => (Option)f.Flag);

    public static RunOptionFlags Create() =>
        new(RunOptionCatalog.All
            .Select(option => (option, new Option<string?>(option.CliFlag)
            {
                Description = $"{option.Description} Default {option.DefaultText}; {option.Allowed}.",
                HelpName = "value",
            }))
            .ToList());

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
}
