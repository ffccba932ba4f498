namespace PairTuner.Training.Evaluation.Beir;

/// <summary>One line of a BEIR <c>corpus.jsonl</c>.</summary>
public sealed record BeirDocument(string Id, string Title, string Text)
{
    /// <summary>What gets embedded: the title and the text joined by a space, as BEIR and MTEB do.</summary>
    public string SearchText => string.IsNullOrWhiteSpace(Title) ? Text.Trim() : $"{Title} {Text}".Trim();
}
