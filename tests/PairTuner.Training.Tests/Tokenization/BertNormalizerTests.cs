using PairTuner.Training.Tokenization;

namespace PairTuner.Training.Tests.Tokenization;

public sealed class BertNormalizerTests
{
    [Theory]
    [InlineData("Café Ångström", "cafe angstrom")]
    [InlineData("a\tb\nc\r\nd", "a b c  d")]
    [InlineData("zero\u200bwidth\u0000null\u0007bell", "zerowidthnullbell")]
    [InlineData("中文", " 中  文 ")]
    [InlineData("가", "\u1100\u1161")]
    [InlineData("İSTANBUL ǅ", "istanbul ǆ")]
    [InlineData("non\u00a0breaking", "non breaking")]
    public void Normalizes_like_huggingface_bert_uncased(string input, string expected)
        => Assert.Equal(expected, BertNormalizer.Uncased.Normalize(input));

    [Theory]
    [InlineData("$5+3=8 €©", new[] { "$", "5", "+", "3", "=", "8", "€©" })]
    [InlineData("don't «stop»", new[] { "don", "'", "t", "«", "stop", "»" })]
    [InlineData("  spaced   out ", new[] { "spaced", "out" })]
    [InlineData("a…b—c", new[] { "a", "…", "b", "—", "c" })]
    public void Pre_tokenizer_splits_whitespace_and_punctuation(string input, string[] expected)
    {
        var words = BertPreTokenizer.Instance.PreTokenize(input).Select(w => input.Substring(w.Offset, w.Length));

        Assert.Equal(expected, words);
    }
}
