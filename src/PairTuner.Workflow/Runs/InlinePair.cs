namespace PairTuner.Workflow.Runs;

/// <summary>One pair posted inline to <c>POST /runs</c>: <c>["text1", "text2"]</c> or <c>["text1", "text2", score]</c>.</summary>
public sealed record InlinePair(string Text1, string Text2, double? Score = null);
