using PairTuner.Training.Tokenization;

namespace PairTuner.Training.Tests.Tokenization;

/// <summary>One builtin tokenizer for the test run: loading the vocabulary is the slow part.</summary>
internal static class BuiltinTokenizer
{
    private static readonly Lazy<BertWordPieceTokenizer> Shared = new(() => BertWordPieceTokenizer.Builtin());

    public static BertWordPieceTokenizer Instance => Shared.Value;
}
