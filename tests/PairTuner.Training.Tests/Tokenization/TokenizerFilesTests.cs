using System.Text.Json;
using System.Text.Json.Nodes;
using PairTuner.Training.Tokenization;

namespace PairTuner.Training.Tests.Tokenization;

public sealed class TokenizerFilesTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pairtuner-tokenizer-files-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Written_tokenizer_json_loads_in_huggingface_tokenizers_and_gives_the_same_ids()
    {
        TokenizerFiles.Write(_dir, BuiltinTokenizer.Instance);
        var texts = GoldenSentence.Load().Select(g => g.Text).ToArray();

        var answer = NodeReference.Ask(new { op = "encode", tokenizerJson = Path.Combine(_dir, TokenizerFiles.TokenizerJson), texts });
        var reference = answer["ids"]!.AsArray();

        Assert.Equal(texts.Length, reference.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            var theirs = reference[i]!.AsArray().Select(x => x!.GetValue<int>()).ToArray();
            // The file itself does not truncate (sentence-transformers truncates per call), so compare
            // the reference's full encoding cut the way max_seq_length cuts it.
            var expected = theirs.Length <= 256 ? theirs : [.. theirs[..255], theirs[^1]];
            Assert.Equal(expected, BuiltinTokenizer.Instance.Encode(texts[i]));
        }
    }

    [Fact]
    public void Folder_round_trip_gives_the_same_tokenizer()
    {
        TokenizerFiles.Write(_dir, BuiltinTokenizer.Instance);

        var fromJson = BertWordPieceTokenizer.FromFolder(_dir);
        var fromVocab = BertWordPieceTokenizer.FromVocabFile(Path.Combine(_dir, TokenizerFiles.VocabTxt));

        Assert.Equal(BuiltinTokenizer.Instance.Vocabulary.Tokens, fromJson.Vocabulary.Tokens);
        Assert.Equal(BuiltinTokenizer.Instance.Vocabulary.Tokens, fromVocab.Vocabulary.Tokens);
        Assert.Equal(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"], fromJson.Vocabulary.SpecialTokens.OrderBy(fromJson.Vocabulary.GetRequiredId));
        foreach (var sentence in GoldenSentence.Load())
        {
            Assert.Equal(sentence.Ids, fromJson.Encode(sentence.Text));
            Assert.Equal(sentence.Ids, fromVocab.Encode(sentence.Text));
        }
    }

    [Fact]
    public void Older_sentence_transformers_folders_keep_the_tokenizer_in_0_Transformer()
    {
        TokenizerFiles.Write(Path.Combine(_dir, "0_Transformer"), BuiltinTokenizer.Instance);

        var tokenizer = BertWordPieceTokenizer.FromFolder(_dir);

        Assert.Equal(BuiltinTokenizer.Instance.Encode("Café au lait"), tokenizer.Encode("Café au lait"));
        var e = Assert.Throws<FileNotFoundException>(() => BertWordPieceTokenizer.FromFolder(Path.Combine(_dir, "0_Transformer", "none")));
        Assert.Contains("tokenizer.json", e.Message);
    }

    [Fact]
    public void Configs_have_the_keys_and_values_sentence_transformers_writes()
    {
        TokenizerFiles.Write(_dir, BuiltinTokenizer.Instance);

        Assert.Equal(TokenizerFiles.FileNames.Order(), Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, TokenizerFiles.TokenizerConfigJson)))!;
        Assert.Equal("BertTokenizer", config["tokenizer_class"]!.GetValue<string>());
        Assert.True(config["do_lower_case"]!.GetValue<bool>());
        Assert.True(config["tokenize_chinese_chars"]!.GetValue<bool>());
        Assert.Null(config["strip_accents"]);
        Assert.Equal(256, config["model_max_length"]!.GetValue<int>());
        Assert.Equal("[CLS]", config["cls_token"]!.GetValue<string>());
        Assert.Equal("[SEP]", config["added_tokens_decoder"]!["102"]!["content"]!.GetValue<string>());

        var map = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, TokenizerFiles.SpecialTokensMapJson)))!;
        Assert.Equal(["cls_token", "mask_token", "pad_token", "sep_token", "unk_token"], map.AsObject().Select(p => p.Key).Order());
        Assert.Equal("[MASK]", map["mask_token"]!["content"]!.GetValue<string>());

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, TokenizerFiles.TokenizerJson)))!;
        Assert.Null(json["truncation"]);
        Assert.Null(json["padding"]);
        Assert.Equal("BertNormalizer", json["normalizer"]!["type"]!.GetValue<string>());
        Assert.Equal(30522, json["model"]!["vocab"]!.AsObject().Count);
        Assert.Equal(2023, json["model"]!["vocab"]!["this"]!.GetValue<int>());

        // Same tokens in the same order; the package's copy has CRLF line ends, transformers writes LF.
        Assert.Equal(ReadBuiltinVocabLines(), File.ReadAllText(Path.Combine(_dir, TokenizerFiles.VocabTxt)).Split('\n')[..^1]);
    }

    [Fact]
    public void A_tokenizer_json_the_tokenizer_cannot_honour_is_refused_naming_the_field()
    {
        TokenizerFiles.Write(_dir, BuiltinTokenizer.Instance);
        var path = Path.Combine(_dir, TokenizerFiles.TokenizerJson);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["normalizer"]!["lowercase"] = false;
        File.WriteAllText(path, json.ToJsonString());

        var e = Assert.Throws<NotSupportedException>(() => BertWordPieceTokenizer.FromTokenizerJson(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("normalizer.lowercase", e.Message);

        File.WriteAllText(path, "{\"model\": {\"type\": \"WordPiece\",\n \"vocab\": [1, 2");
        var bad = Assert.Throws<InvalidDataException>(() => BertWordPieceTokenizer.FromTokenizerJson(path));
        Assert.Contains(path, bad.Message);
        Assert.Contains("line 2", bad.Message);
    }

    private static string[] ReadBuiltinVocabLines()
    {
        using var reader = new StreamReader(PairTuner.Training.Weights.BuiltinMiniLm.OpenVocab());
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return [.. lines];
    }
}
