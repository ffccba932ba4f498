using System.Text;
using System.Text.Json;

namespace PairTuner.Training.Tokenization;

/// <summary>
/// A WordPiece vocabulary: tokens in id order, the token -> id map, and the special tokens that
/// are matched verbatim in raw text before normalization (Hugging Face's added tokens).
/// </summary>
public sealed class WordPieceVocabulary
{
    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _ids;

    private WordPieceVocabulary(string[] tokens, Dictionary<string, int> ids, IReadOnlyList<string> specialTokens, WordPieceSettings settings, string source)
    {
        _tokens = tokens;
        _ids = ids;
        SpecialTokens = specialTokens;
        Settings = settings;
        Source = source;
    }

    /// <summary>The standard BERT special tokens, in the order tokenizer files list them.</summary>
    public static IReadOnlyList<string> BertSpecialTokens { get; } = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

    /// <summary>Where the vocabulary came from (a path or a resource name), for error messages.</summary>
    public string Source { get; }

    public int Count => _tokens.Length;

    /// <summary>Tokens in id order.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>Tokens matched verbatim in raw text before normalization, such as <c>[SEP]</c>.</summary>
    public IReadOnlyList<string> SpecialTokens { get; }

    /// <summary>The WordPiece model's settings (unknown token, subword prefix, longest word).</summary>
    public WordPieceSettings Settings { get; }

    public bool TryGetId(string token, out int id) => _ids.TryGetValue(token, out id);

    /// <summary>The id of <paramref name="token"/>, or an error naming the vocabulary when it is missing.</summary>
    public int GetRequiredId(string token)
        => _ids.TryGetValue(token, out var id)
            ? id
            : throw new InvalidDataException($"{Source}: the vocabulary has no '{token}' token, which a BERT tokenizer needs.");

    /// <summary>The token with this id.</summary>
    public string GetToken(int id)
        => (uint)id < (uint)_tokens.Length ? _tokens[id] : throw new ArgumentOutOfRangeException(nameof(id), id, $"Token ids run from 0 to {_tokens.Length - 1}.");

    /// <summary>Reads a BERT <c>vocab.txt</c>: one token per line, the id is the line's index.</summary>
    public static WordPieceVocabulary FromVocabText(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var tokens = new List<string>(32_000);
        using (var reader = new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true))
        {
            try
            {
                while (reader.ReadLine() is { } line)
                {
                    // Hugging Face trims trailing whitespace from each line.
                    tokens.Add(line.TrimEnd());
                }
            }
            catch (DecoderFallbackException e)
            {
                throw new InvalidDataException($"{source} line {tokens.Count + 1}: not valid UTF-8.", e);
            }
        }

        if (tokens.Count == 0)
        {
            throw new InvalidDataException($"{source}: the vocabulary is empty.");
        }

        var ids = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            // A repeated line points at its last occurrence, as in the reference.
            ids[tokens[i]] = i;
        }

        var specials = BertSpecialTokens.Where(ids.ContainsKey).ToArray();
        return new WordPieceVocabulary([.. tokens], ids, specials, WordPieceSettings.Bert, source);
    }

    /// <summary>Reads the WordPiece vocabulary and added tokens of a Hugging Face <c>tokenizer.json</c>.</summary>
    public static WordPieceVocabulary FromTokenizerJson(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source} line {(e.LineNumber ?? 0) + 1}: not valid JSON ({e.Message}).", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{source}: field 'model' is missing.");
            }

            var modelType = model.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (modelType != "WordPiece")
            {
                throw new NotSupportedException($"{source}: field 'model.type' is '{modelType}'; PairTuner's tokenizer reads WordPiece (BERT) tokenizers only.");
            }

            RequireType(root, "normalizer", "BertNormalizer", source);
            RequireType(root, "pre_tokenizer", "BertPreTokenizer", source);
            var normalizer = root.GetProperty("normalizer");
            if (normalizer.TryGetProperty("lowercase", out var lower) && lower.ValueKind == JsonValueKind.False)
            {
                throw new NotSupportedException($"{source}: field 'normalizer.lowercase' is false; PairTuner's tokenizer implements uncased BERT only.");
            }

            if (normalizer.TryGetProperty("strip_accents", out var strip) && strip.ValueKind == JsonValueKind.False)
            {
                throw new NotSupportedException($"{source}: field 'normalizer.strip_accents' is false; PairTuner's tokenizer implements uncased BERT (accents stripped) only.");
            }

            if (!model.TryGetProperty("vocab", out var vocab) || vocab.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{source}: field 'model.vocab' is missing or not an object.");
            }

            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var entry in vocab.EnumerateObject())
            {
                if (!entry.Value.TryGetInt32(out var id) || id < 0)
                {
                    throw new InvalidDataException($"{source}: field 'model.vocab.{entry.Name}' is not a non-negative integer id.");
                }

                ids[entry.Name] = id;
            }

            var tokens = new string?[ids.Count == 0 ? 0 : ids.Values.Max() + 1];
            foreach (var (token, id) in ids)
            {
                tokens[id] = token;
            }

            var hole = Array.IndexOf(tokens, null);
            if (hole >= 0 || tokens.Length == 0)
            {
                throw new InvalidDataException($"{source}: field 'model.vocab' has no token with id {Math.Max(hole, 0)}; ids must run from 0 without gaps.");
            }

            var specials = new List<string>();
            if (root.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array)
            {
                foreach (var token in added.EnumerateArray())
                {
                    var content = token.GetProperty("content").GetString()!;
                    if (token.TryGetProperty("normalized", out var n) && n.ValueKind == JsonValueKind.True)
                    {
                        throw new NotSupportedException($"{source}: added token '{content}' is matched on normalized text; PairTuner matches added tokens on raw text only.");
                    }

                    if (!ids.ContainsKey(content))
                    {
                        throw new NotSupportedException($"{source}: added token '{content}' is not in 'model.vocab'.");
                    }

                    specials.Add(content);
                }
            }

            var settings = new WordPieceSettings(
                model.TryGetProperty("unk_token", out var unk) ? unk.GetString() ?? "[UNK]" : "[UNK]",
                model.TryGetProperty("continuing_subword_prefix", out var prefix) ? prefix.GetString() ?? "##" : "##",
                model.TryGetProperty("max_input_chars_per_word", out var max) && max.TryGetInt32(out var m) ? m : 100);
            return new WordPieceVocabulary([.. tokens!], ids, specials, settings, source);
        }
    }

    private static void RequireType(JsonElement root, string field, string expected, string source)
    {
        var type = root.TryGetProperty(field, out var element) && element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out var t)
            ? t.GetString()
            : null;
        if (type != expected)
        {
            throw new NotSupportedException($"{source}: field '{field}.type' is '{type ?? "null"}'; PairTuner's tokenizer needs '{expected}'.");
        }
    }
}
