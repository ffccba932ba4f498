using PairTuner.Training.Tokenization;

namespace PairTuner.Training.Tests.Tokenization;

public sealed class BertWordPieceTokenizerTests
{
    private static BertWordPieceTokenizer Tokenizer => BuiltinTokenizer.Instance;

    [Fact]
    public void Known_sentence_gets_known_word_pieces()
    {
        var ids = Tokenizer.Encode("Tokenization isn't\tunaffable!");

        Assert.Equal(["[CLS]", "token", "##ization", "isn", "'", "t", "una", "##ffa", "##ble", "!", "[SEP]"], Tokenizer.ToTokens(ids));
        // (Checked against Hugging Face's tokenizers: greedy longest match takes "##ffa" before "##ble".)
    }

    [Theory]
    [InlineData(8)]
    [InlineData(256)]
    [InlineData(512)]
    public void Long_text_is_cut_to_max_sequence_length_and_still_ends_with_sep(int max)
    {
        var tokenizer = BertWordPieceTokenizer.Builtin(new BertTokenizerOptions { MaxSequenceLength = max });
        var full = BertWordPieceTokenizer.Builtin(new BertTokenizerOptions { MaxSequenceLength = 10_000 }).Encode(string.Join(' ', Enumerable.Repeat("unaffable words", 300)));

        var ids = tokenizer.Encode(string.Join(' ', Enumerable.Repeat("unaffable words", 300)));

        Assert.Equal(max, ids.Length);
        Assert.Equal(tokenizer.ClsId, ids[0]);
        Assert.Equal(tokenizer.SepId, ids[^1]);
        Assert.Equal(full[..(max - 1)], ids[..^1]);
    }

    [Fact]
    public void Special_tokens_in_raw_text_are_kept_but_lowercase_ones_are_not()
    {
        Assert.Equal(["[CLS]", "a", "[SEP]", "b", "[MASK]", "[SEP]"], Tokenizer.ToTokens(Tokenizer.Encode("a[SEP]b [MASK]")));
        Assert.Equal(["[CLS]", "[", "cl", "##s", "]", "[SEP]"], Tokenizer.ToTokens(Tokenizer.Encode("[cls]")));
    }

    [Fact]
    public void Words_longer_than_100_characters_become_unk_counting_characters_not_utf16_units()
    {
        Assert.DoesNotContain(Tokenizer.UnknownId, Tokenizer.Encode(new string('a', 100)));
        Assert.Equal([Tokenizer.ClsId, Tokenizer.UnknownId, Tokenizer.SepId], Tokenizer.Encode(new string('a', 101)));
        // 60 supplementary-plane letters are 120 UTF-16 units but 61 characters: within the limit,
        // so the word is looked up piece by piece rather than cut off by length.
        var word = "a" + string.Concat(Enumerable.Repeat("\U0001D41A", 60));
        Assert.Equal(Tokenizer.Encode(word), Tokenizer.WordPiece.EncodeToIds(word).Prepend(Tokenizer.ClsId).Append(Tokenizer.SepId));
    }

    [Fact]
    public void Lone_surrogates_are_dropped_like_the_replacement_character()
    {
        Assert.Equal(Tokenizer.Encode("lone  surrogate"), Tokenizer.Encode("lone \ud83d surrogate"));
        Assert.Equal(Tokenizer.Encode("low  one"), Tokenizer.Encode("low \ude00 one"));
    }

    [Fact]
    public void Empty_text_is_cls_sep()
    {
        Assert.Equal([Tokenizer.ClsId, Tokenizer.SepId], Tokenizer.Encode(""));
        Assert.Equal([Tokenizer.ClsId, Tokenizer.SepId], Tokenizer.Encode(" \t\u200b\n"));
    }

    [Fact]
    public void Parallel_cached_batches_equal_one_by_one_uncached_encoding()
    {
        var texts = GoldenSentence.Load().Select(g => g.Text).ToArray();
        var many = Enumerable.Range(0, 20).SelectMany(i => texts.Select(t => i % 2 == 0 ? t : t.ToUpperInvariant())).ToArray();
        var uncached = BertWordPieceTokenizer.Builtin(new BertTokenizerOptions { WordCacheCapacity = 0, MaxDegreeOfParallelism = 1 });

        var parallel = Tokenizer.EncodeAll(many);

        Assert.Equal(0, uncached.CachedWordCount);
        for (var i = 0; i < many.Length; i++)
        {
            Assert.Equal(uncached.Encode(many[i]), parallel[i]);
        }

        Assert.Equal(0, uncached.CachedWordCount);
        Assert.True(Tokenizer.CachedWordCount > 100);
    }

    [Fact]
    public void Batch_is_padded_to_its_longest_text_with_a_zero_mask()
    {
        var batch = Tokenizer.EncodeBatch(["short", "a somewhat longer sentence here", ""]);

        Assert.Equal(3, batch.Count);
        Assert.Equal(7, batch.SequenceLength);
        Assert.Equal([3, 7, 2], batch.Lengths);
        Assert.Equal(3 * 7, batch.InputIds.Length);
        Assert.Equal([101L, 2460, 102, 0, 0, 0, 0], batch.Row(0).ToArray());
        Assert.Equal([1L, 1, 1, 0, 0, 0, 0], batch.MaskRow(0).ToArray());
        Assert.Equal([1L, 1, 0, 0, 0, 0, 0], batch.MaskRow(2).ToArray());
    }

    [Fact]
    public void Empty_batch_has_no_rows()
    {
        var batch = Tokenizer.EncodeBatch([]);

        Assert.Equal(0, batch.Count);
        Assert.Empty(batch.InputIds);
    }

    [Fact]
    public void Options_that_cannot_work_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BertWordPieceTokenizer.Builtin(new BertTokenizerOptions { MaxSequenceLength = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => BertWordPieceTokenizer.Builtin(new BertTokenizerOptions { MaxDegreeOfParallelism = 0 }));
    }

    [Fact]
    public void Vocab_file_errors_name_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), "pairtuner-vocab-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(path, "[PAD]\n[UNK]\n[SEP]\nhello\n");
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => BertWordPieceTokenizer.FromVocabFile(path));
            Assert.Contains(path, e.Message);
            Assert.Contains("[CLS]", e.Message);
            Assert.Throws<FileNotFoundException>(() => BertWordPieceTokenizer.FromVocabFile(path + ".missing"));
            Assert.Throws<FileNotFoundException>(() => TokenizerLoader.Load("sentence-transformers/all-MiniLM-L6-v2"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Microsoft_ml_view_tokenizes_words_like_the_full_tokenizer()
    {
        var text = "Café\tnaïve 가 中文 $5 + 3 = 8 © 2024";
        var ids = Tokenizer.WordPiece.EncodeToIds(text);

        Assert.Equal(Tokenizer.Encode(text)[1..^1], ids);
    }
}
