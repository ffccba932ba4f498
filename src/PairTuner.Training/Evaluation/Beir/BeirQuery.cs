namespace PairTuner.Training.Evaluation.Beir;

/// <summary>One line of a BEIR <c>queries.jsonl</c>.</summary>
public sealed record BeirQuery(string Id, string Text);
