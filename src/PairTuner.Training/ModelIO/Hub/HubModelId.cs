using PairTuner.Contracts.Jobs;

namespace PairTuner.Training.ModelIO.Hub;

/// <summary>A Hub model repository and revision: <c>owner/name</c> or <c>owner/name@revision</c> (default <c>main</c>).</summary>
public sealed record HubModelId(string Repo, string Revision)
{
    public const string DefaultRevision = "main";

    /// <summary>Parses <c>owner/name[@revision]</c> by <see cref="ModelReference.TryParseHubId"/>; false for anything else.</summary>
    public static bool TryParse(string text, out HubModelId id)
    {
        id = null!;
        if (!ModelReference.TryParseHubId(text, out var repo, out var revision))
        {
            return false;
        }

        id = new HubModelId(repo, revision ?? DefaultRevision);
        return true;
    }

    public override string ToString() => $"{Repo}@{Revision}";
}
