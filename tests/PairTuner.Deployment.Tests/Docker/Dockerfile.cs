using System.Text.RegularExpressions;

namespace PairTuner.Deployment.Tests.Docker;

/// <summary>
/// Just enough of the Dockerfile grammar to check the file offline (no Docker engine runs here):
/// comments, line continuations, instructions, and stages named by <c>FROM ... AS name</c>.
/// </summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerfileInstruction> instructions)
    {
        Instructions = instructions;
        var stages = new List<DockerfileStage>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                var match = FromPattern().Match(instruction.Arguments);
                stages.Add(new DockerfileStage(match.Groups["image"].Value, match.Groups["name"].Success ? match.Groups["name"].Value : null, []));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Instructions.Add(instruction);
            }
        }

        Stages = stages;
    }

    public IReadOnlyList<DockerfileInstruction> Instructions { get; }

    public IReadOnlyList<DockerfileStage> Stages { get; }

    /// <summary>ARGs declared before the first FROM, with their defaults: the ones FROM lines may use.</summary>
    public IReadOnlyDictionary<string, string?> GlobalArgs =>
        Instructions.TakeWhile(i => i.Keyword != "FROM").Where(i => i.Keyword == "ARG")
            .Select(i => i.Arguments.Split('=', 2))
            .ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1].Trim() : null);

    public static Dockerfile Parse(string text)
    {
        var instructions = new List<DockerfileInstruction>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var start = i + 1;
            var joined = line;
            while (joined.EndsWith('\\') && i + 1 < lines.Length)
            {
                var next = lines[++i].Trim();
                joined = joined[..^1].TrimEnd() + " " + (next.StartsWith('#') ? string.Empty : next);
            }

            var space = joined.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add(space < 0
                ? new DockerfileInstruction(start, joined.ToUpperInvariant(), string.Empty)
                : new DockerfileInstruction(start, joined[..space].ToUpperInvariant(), joined[(space + 1)..].Trim()));
        }

        return new Dockerfile(instructions);
    }

    [GeneratedRegex(@"^(--platform=\S+\s+)?(?<image>\S+)(\s+AS\s+(?<name>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FromPattern();
}
