namespace PairTuner.Training.Tokenization;

/// <summary>How the BERT pre-tokenizer treats one character.</summary>
internal enum CharClass : byte
{
    /// <summary>Part of a word.</summary>
    Word = 0,

    /// <summary>Whitespace: ends the current word and is dropped.</summary>
    Whitespace = 1,

    /// <summary>Punctuation or an ASCII symbol: ends the current word and stands alone.</summary>
    Punctuation = 2,

    /// <summary>A CJK ideograph: the normalizer pads it with spaces, so it stands alone.</summary>
    Chinese = 3,
}
