namespace PairTuner.Training.Tokenization;

/// <summary>The WordPiece model's settings, as a tokenizer.json's <c>model</c> section holds them.</summary>
/// <param name="UnknownToken">The token a word becomes when it cannot be split into vocabulary pieces.</param>
/// <param name="ContinuingSubwordPrefix">The prefix of every piece after a word's first.</param>
/// <param name="MaxInputCharsPerWord">Longer words (in Unicode characters) become <paramref name="UnknownToken"/>.</param>
public sealed record WordPieceSettings(string UnknownToken, string ContinuingSubwordPrefix, int MaxInputCharsPerWord)
{
    /// <summary>BERT's settings: <c>[UNK]</c>, <c>##</c>, 100 characters.</summary>
    public static WordPieceSettings Bert { get; } = new("[UNK]", "##", 100);
}
