using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PairTuner.Training.Tokenization;

/// <summary>
/// Writes the tokenizer files of a sentence-transformers / Hugging Face model folder for an uncased
/// BERT WordPiece tokenizer: <c>vocab.txt</c>, <c>tokenizer.json</c> (the fast-tokenizer file that
/// the Rust <c>tokenizers</c> library and <c>BertTokenizerFast</c> load), <c>tokenizer_config.json</c>
/// and <c>special_tokens_map.json</c>, with the keys and values transformers writes for all-MiniLM-L6-v2.
/// </summary>
public static class TokenizerFiles
{
    public const string VocabTxt = "vocab.txt";
    public const string TokenizerJson = "tokenizer.json";
    public const string TokenizerConfigJson = "tokenizer_config.json";
    public const string SpecialTokensMapJson = "special_tokens_map.json";

    /// <summary>The file names <see cref="Write"/> creates.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [VocabTxt, TokenizerJson, TokenizerConfigJson, SpecialTokensMapJson];

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Tokens stay readable (é, 中) as in files transformers writes; this is a file, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly (string Key, string Token)[] SpecialTokenRoles =
    [
        ("cls_token", "[CLS]"), ("mask_token", "[MASK]"), ("pad_token", "[PAD]"), ("sep_token", "[SEP]"), ("unk_token", "[UNK]"),
    ];

    /// <summary>Writes the four tokenizer files of <paramref name="tokenizer"/> into <paramref name="directory"/> (created if missing).</summary>
    public static void Write(string directory, BertWordPieceTokenizer tokenizer)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(tokenizer);
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, VocabTxt), VocabText(tokenizer.Vocabulary));
        File.WriteAllBytes(Path.Combine(directory, TokenizerJson), TokenizerJsonBytes(tokenizer));
        File.WriteAllBytes(Path.Combine(directory, TokenizerConfigJson), TokenizerConfigJsonBytes(tokenizer));
        File.WriteAllBytes(Path.Combine(directory, SpecialTokensMapJson), SpecialTokensMapBytes());
    }

    /// <summary><c>vocab.txt</c>: one token per line in id order.</summary>
    public static byte[] VocabText(WordPieceVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var text = new StringBuilder(vocabulary.Count * 8);
        foreach (var token in vocabulary.Tokens)
        {
            text.Append(token).Append('\n');
        }

        return new UTF8Encoding(false).GetBytes(text.ToString());
    }

    /// <summary><c>tokenizer.json</c> in the Hugging Face tokenizers format (version 1.0), truncation and padding off.</summary>
    public static byte[] TokenizerJsonBytes(BertWordPieceTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var vocabulary = tokenizer.Vocabulary;
        var settings = vocabulary.Settings;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("version", "1.0");
            // sentence-transformers truncates per call (max_seq_length); the file itself neither truncates nor pads.
            w.WriteNull("truncation");
            w.WriteNull("padding");

            w.WriteStartArray("added_tokens");
            foreach (var token in vocabulary.SpecialTokens.OrderBy(vocabulary.GetRequiredId))
            {
                w.WriteStartObject();
                w.WriteNumber("id", vocabulary.GetRequiredId(token));
                w.WriteString("content", token);
                w.WriteBoolean("single_word", false);
                w.WriteBoolean("lstrip", false);
                w.WriteBoolean("rstrip", false);
                w.WriteBoolean("normalized", false);
                w.WriteBoolean("special", true);
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartObject("normalizer");
            w.WriteString("type", "BertNormalizer");
            w.WriteBoolean("clean_text", true);
            w.WriteBoolean("handle_chinese_chars", true);
            w.WriteNull("strip_accents");
            w.WriteBoolean("lowercase", true);
            w.WriteEndObject();

            w.WriteStartObject("pre_tokenizer");
            w.WriteString("type", "BertPreTokenizer");
            w.WriteEndObject();

            WritePostProcessor(w, tokenizer);

            w.WriteStartObject("decoder");
            w.WriteString("type", "WordPiece");
            w.WriteString("prefix", settings.ContinuingSubwordPrefix);
            w.WriteBoolean("cleanup", true);
            w.WriteEndObject();

            w.WriteStartObject("model");
            w.WriteString("type", "WordPiece");
            w.WriteString("unk_token", settings.UnknownToken);
            w.WriteString("continuing_subword_prefix", settings.ContinuingSubwordPrefix);
            w.WriteNumber("max_input_chars_per_word", settings.MaxInputCharsPerWord);
            w.WriteStartObject("vocab");
            var written = new HashSet<string>(StringComparer.Ordinal);
            for (var id = 0; id < vocabulary.Count; id++)
            {
                var token = vocabulary.Tokens[id];
                // A repeated vocab.txt line keeps its last id, as the reference reads it; JSON keys must be unique.
                if (vocabulary.TryGetId(token, out var kept) && kept == id && written.Add(token))
                {
                    w.WriteNumber(token, id);
                }
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary><c>tokenizer_config.json</c> as transformers writes it for all-MiniLM-L6-v2's <c>BertTokenizerFast</c>.</summary>
    public static byte[] TokenizerConfigJsonBytes(BertWordPieceTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var vocabulary = tokenizer.Vocabulary;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteStartObject("added_tokens_decoder");
            foreach (var token in vocabulary.SpecialTokens.OrderBy(vocabulary.GetRequiredId))
            {
                w.WriteStartObject(vocabulary.GetRequiredId(token).ToString(System.Globalization.CultureInfo.InvariantCulture));
                WriteAddedToken(w, token);
                w.WriteBoolean("special", true);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteBoolean("clean_up_tokenization_spaces", true);
            w.WriteString("cls_token", "[CLS]");
            w.WriteBoolean("do_basic_tokenize", true);
            w.WriteBoolean("do_lower_case", true);
            w.WriteString("mask_token", "[MASK]");
            w.WriteNumber("model_max_length", tokenizer.Options.MaxSequenceLength);
            w.WriteNull("never_split");
            w.WriteString("pad_token", "[PAD]");
            w.WriteString("sep_token", "[SEP]");
            w.WriteNull("strip_accents");
            w.WriteBoolean("tokenize_chinese_chars", true);
            w.WriteString("tokenizer_class", "BertTokenizer");
            w.WriteString("unk_token", vocabulary.Settings.UnknownToken);
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary><c>special_tokens_map.json</c>: the five BERT special tokens with their matching flags.</summary>
    public static byte[] SpecialTokensMapBytes()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            w.WriteStartObject();
            foreach (var (key, token) in SpecialTokenRoles)
            {
                w.WriteStartObject(key);
                WriteAddedToken(w, token);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteAddedToken(Utf8JsonWriter w, string token)
    {
        w.WriteString("content", token);
        w.WriteBoolean("lstrip", false);
        w.WriteBoolean("normalized", false);
        w.WriteBoolean("rstrip", false);
        w.WriteBoolean("single_word", false);
    }

    private static void WritePostProcessor(Utf8JsonWriter w, BertWordPieceTokenizer tokenizer)
    {
        w.WriteStartObject("post_processor");
        w.WriteString("type", "TemplateProcessing");
        w.WriteStartArray("single");
        WriteSpecial(w, "[CLS]", 0);
        WriteSequence(w, "A", 0);
        WriteSpecial(w, "[SEP]", 0);
        w.WriteEndArray();
        w.WriteStartArray("pair");
        WriteSpecial(w, "[CLS]", 0);
        WriteSequence(w, "A", 0);
        WriteSpecial(w, "[SEP]", 0);
        WriteSequence(w, "B", 1);
        WriteSpecial(w, "[SEP]", 1);
        w.WriteEndArray();
        w.WriteStartObject("special_tokens");
        foreach (var (token, id) in new[] { ("[CLS]", tokenizer.ClsId), ("[SEP]", tokenizer.SepId) })
        {
            w.WriteStartObject(token);
            w.WriteString("id", token);
            w.WriteStartArray("ids");
            w.WriteNumberValue(id);
            w.WriteEndArray();
            w.WriteStartArray("tokens");
            w.WriteStringValue(token);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteSpecial(Utf8JsonWriter w, string token, int typeId)
    {
        w.WriteStartObject();
        w.WriteStartObject("SpecialToken");
        w.WriteString("id", token);
        w.WriteNumber("type_id", typeId);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteSequence(Utf8JsonWriter w, string id, int typeId)
    {
        w.WriteStartObject();
        w.WriteStartObject("Sequence");
        w.WriteString("id", id);
        w.WriteNumber("type_id", typeId);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
