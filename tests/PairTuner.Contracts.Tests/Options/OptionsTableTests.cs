using System.Text;
using System.Text.RegularExpressions;
using PairTuner.Contracts.Options;

namespace PairTuner.Contracts.Tests.Options;

/// <summary>docs/options.md's options table is the catalog's, row for row, so the documentation cannot drift from the code.</summary>
public class OptionsTableTests
{
    [Fact]
    public void The_options_page_lists_exactly_the_catalog_with_names_defaults_and_limits()
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "options.md")).ReplaceLineEndings("\n");
        var expected = Table();
        if (!text.Contains(expected, StringComparison.Ordinal))
        {
            var path = Path.Combine(Path.GetTempPath(), "pairtuner-options-table.md");
            File.WriteAllText(path, expected);
            Assert.Fail($"docs/options.md's options table differs from RunOptionCatalog; the table the catalog gives is in {path}.");
        }

        // Exactly the catalog: no row for an option that no longer exists.
        var rows = text.Split('\n').Count(line => Regex.IsMatch(line, @"^\| `[^`]+`[^|]*\| `PairTuner__Defaults__[A-Za-z]+` \|"));
        Assert.Equal(RunOptionCatalog.All.Count, rows);
    }

    /// <summary>The table as docs/options.md holds it.</summary>
    internal static string Table()
    {
        var table = new StringBuilder();
        table.Append("| body field | app setting | blob metadata | flag | default | allowed | meaning |\n");
        table.Append("|---|---|---|---|---|---|---|\n");
        foreach (var option in RunOptionCatalog.All)
        {
            var name = option.Aliases.Count > 0 ? $"`{option.Name}` (or `{string.Join("`, `", option.Aliases)}`)" : $"`{option.Name}`";
            var commands = option.Encodes ? "`run`, `train`, `embed`, `evaluate`" : option.Trains ? "`run`, `train`" : "`run`";
            table.Append($"| {name} | `{option.EnvironmentVariable}` | `{option.MetadataKey}` | `{option.CliFlag}` ({commands}) | `{option.DefaultText}` | {option.Allowed} | {option.Description} |\n");
        }

        return table.ToString();
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
