namespace PairTuner.Training.Tokenization;

/// <summary>What the uncased BERT normalizer turns one code point into.</summary>
internal readonly record struct CharMapping(CharClass Class, CharMappingKind Kind, int Delta, int[]? CodePoints)
{
    public static readonly CharMapping Plain = new(CharClass.Word, CharMappingKind.Identity, 0, null);
}
