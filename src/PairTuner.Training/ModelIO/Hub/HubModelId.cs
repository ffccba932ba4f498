using System.Text.RegularExpressions;

namespace PairTuner.Training.ModelIO.Hub;

/// <summary>A Hub model repository and revision: <c>owner/name</c> or <c>owner/name@revision</c> (default <c>main</c>).</summary>
public sealed partial record HubModelId(string Repo, string Revision)
{
    public const string DefaultRevision = "main";

    /// <summary>Parses <c>owner/name[@revision]</c>; false for anything else.</summary>
    public static bool TryParse(string text, out HubModelId id)
    {
        id = null!;
        var match = Pattern().Match(text ?? string.Empty);
        if (!match.Success)
        {
            return false;
        }

        var repo = match.Groups["repo"].Value;
        if (repo.Contains("..", StringComparison.Ordinal) || repo.Split('/').Any(part => part.StartsWith('.') || part.EndsWith('.')))
        {
            return false;
        }

        id = new HubModelId(repo, match.Groups["rev"].Success ? match.Groups["rev"].Value : DefaultRevision);
        return true;
    }

    public override string ToString() => $"{Repo}@{Revision}";

    [GeneratedRegex(@"^(?<repo>[A-Za-z0-9][A-Za-z0-9_.\-]{0,95}/[A-Za-z0-9][A-Za-z0-9_.\-]{0,95})(@(?<rev>[A-Za-z0-9_.\-/]{1,200}))?$")]
    private static partial Regex Pattern();
}
