using System.Text.Json.Nodes;

namespace PairTuner.Training.ModelIO.Folders;

/// <summary>
/// Writes tokenizer.json, tokenizer_config.json and special_tokens_map.json for an uncased BERT
/// WordPiece vocabulary, as Hugging Face's <c>BertTokenizerFast.save_pretrained</c> lays them out, for
/// a model folder whose source had only vocab.txt (the builtin ONNX package ships nothing else).
/// </summary>
internal static class BertTokenizerFilesWriter
{
    private static readonly string[] SpecialTokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

    public static void Write(string folder, string vocabPath, int maxSeqLength)
    {
        var vocab = ReadVocab(vocabPath);
        foreach (var token in SpecialTokens)
        {
            if (!vocab.ContainsKey(token))
            {
                throw new ModelFolderException($"{vocabPath}: has no '{token}' line; it is not a BERT vocabulary.");
            }
        }

        JsonFiles.Write(Path.Combine(folder, ModelFiles.TokenizerJson), BuildTokenizerJson(vocab, maxSeqLength));
        JsonFiles.Write(Path.Combine(folder, ModelFiles.TokenizerConfig), BuildTokenizerConfig(vocab));
        JsonFiles.Write(Path.Combine(folder, ModelFiles.SpecialTokensMap), new JsonObject
        {
            ["cls_token"] = "[CLS]",
            ["mask_token"] = "[MASK]",
            ["pad_token"] = "[PAD]",
            ["sep_token"] = "[SEP]",
            ["unk_token"] = "[UNK]",
        });
    }

    /// <summary>vocab.txt: one token per line, its id the line number from 0.</summary>
    internal static Dictionary<string, int> ReadVocab(string vocabPath)
    {
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        var id = 0;
        foreach (var line in File.ReadLines(vocabPath))
        {
            var token = line.TrimEnd('\r');
            // A repeated token keeps its first id, as Hugging Face's loader does.
            vocab.TryAdd(token, id);
            id++;
        }

        if (vocab.Count == 0)
        {
            throw new ModelFolderException($"{vocabPath}: is empty.");
        }

        return vocab;
    }

    private static JsonObject BuildTokenizerJson(Dictionary<string, int> vocab, int maxSeqLength)
    {
        var added = new JsonArray();
        foreach (var token in SpecialTokens.OrderBy(token => vocab[token]))
        {
            added.Add(new JsonObject
            {
                ["id"] = vocab[token],
                ["content"] = token,
                ["single_word"] = false,
                ["lstrip"] = false,
                ["rstrip"] = false,
                ["normalized"] = false,
                ["special"] = true,
            });
        }

        var vocabNode = new JsonObject();
        foreach (var (token, id) in vocab.OrderBy(pair => pair.Value))
        {
            vocabNode[token] = id;
        }

        JsonObject Special(string token) => new() { ["SpecialToken"] = new JsonObject { ["id"] = token, ["type_id"] = 0 } };
        JsonObject Sequence(string id, int typeId) => new() { ["Sequence"] = new JsonObject { ["id"] = id, ["type_id"] = typeId } };
        JsonObject SpecialEntry(string token) => new() { ["id"] = token, ["ids"] = new JsonArray(vocab[token]), ["tokens"] = new JsonArray(token) };
        var pairSep = Special("[SEP]");
        pairSep["SpecialToken"]!["type_id"] = 1;

        return new JsonObject
        {
            ["version"] = "1.0",
            ["truncation"] = new JsonObject
            {
                ["direction"] = "Right",
                ["max_length"] = maxSeqLength,
                ["strategy"] = "LongestFirst",
                ["stride"] = 0,
            },
            ["padding"] = null,
            ["added_tokens"] = added,
            ["normalizer"] = new JsonObject
            {
                ["type"] = "BertNormalizer",
                ["clean_text"] = true,
                ["handle_chinese_chars"] = true,
                ["strip_accents"] = null,
                ["lowercase"] = true,
            },
            ["pre_tokenizer"] = new JsonObject { ["type"] = "BertPreTokenizer" },
            ["post_processor"] = new JsonObject
            {
                ["type"] = "TemplateProcessing",
                ["single"] = new JsonArray(Special("[CLS]"), Sequence("A", 0), Special("[SEP]")),
                ["pair"] = new JsonArray(Special("[CLS]"), Sequence("A", 0), Special("[SEP]"), Sequence("B", 1), pairSep),
                ["special_tokens"] = new JsonObject
                {
                    ["[CLS]"] = SpecialEntry("[CLS]"),
                    ["[SEP]"] = SpecialEntry("[SEP]"),
                },
            },
            ["decoder"] = new JsonObject { ["type"] = "WordPiece", ["prefix"] = "##", ["cleanup"] = true },
            ["model"] = new JsonObject
            {
                ["type"] = "WordPiece",
                ["unk_token"] = "[UNK]",
                ["continuing_subword_prefix"] = "##",
                ["max_input_chars_per_word"] = 100,
                ["vocab"] = vocabNode,
            },
        };
    }

    private static JsonObject BuildTokenizerConfig(Dictionary<string, int> vocab)
    {
        var decoder = new JsonObject();
        foreach (var token in SpecialTokens.OrderBy(token => vocab[token]))
        {
            decoder[vocab[token].ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["content"] = token,
                ["lstrip"] = false,
                ["normalized"] = false,
                ["rstrip"] = false,
                ["single_word"] = false,
                ["special"] = true,
            };
        }

        return new JsonObject
        {
            ["added_tokens_decoder"] = decoder,
            ["clean_up_tokenization_spaces"] = true,
            ["cls_token"] = "[CLS]",
            ["do_basic_tokenize"] = true,
            ["do_lower_case"] = true,
            ["mask_token"] = "[MASK]",
            ["model_max_length"] = 512,
            ["never_split"] = null,
            ["pad_token"] = "[PAD]",
            ["sep_token"] = "[SEP]",
            ["strip_accents"] = null,
            ["tokenize_chinese_chars"] = true,
            ["tokenizer_class"] = "BertTokenizer",
            ["unk_token"] = "[UNK]",
        };
    }
}
