using System.Text.Json.Nodes;
using PairTuner.Training.ModelIO.Folders;
using PairTuner.Training.ModelIO.Loading;
using SafeTensorsFormat = PairTuner.Training.ModelIO.SafeTensors.SafeTensors;

namespace PairTuner.Training.Tests.ModelIO.Folders;

public class SentenceTransformersFolderTests
{
    [Fact]
    public void Save_writes_exactly_the_sentence_transformers_folder()
    {
        using var temp = new TempFolder();
        var vocab = TinyBert.WriteVocab(temp.Combine("source"));
        var stateDict = TinyBert.StateDict();
        var folder = SentenceTransformersFolder.Save(temp.Combine("model"), TinyBert.Config, stateDict, new TokenizerFileSet(vocab));

        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(folder, path).Replace('\\', '/'))
            .OrderBy(name => name, StringComparer.Ordinal);
        Assert.Equal(
            new[]
            {
                "1_Pooling/config.json", "2_Normalize/config.json", "README.md", "config.json", "config_sentence_transformers.json",
                "model.safetensors", "modules.json", "sentence_bert_config.json", "special_tokens_map.json", "tokenizer.json",
                "tokenizer_config.json", "vocab.txt",
            },
            files);
        Assert.DoesNotContain(Directory.GetDirectories(temp.Path), dir => Path.GetFileName(dir).StartsWith('.'));
        TinyBert.Dispose(stateDict.Values);
    }

    [Fact]
    public void Configs_have_the_keys_and_values_sentence_transformers_writes()
    {
        using var temp = new TempFolder();
        var vocab = TinyBert.WriteVocab(temp.Combine("source"));
        var stateDict = TinyBert.StateDict();
        var folder = SentenceTransformersFolder.Save(temp.Combine("model"), TinyBert.Config, stateDict, new TokenizerFileSet(vocab));
        JsonNode Read(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(folder, name)))!;

        var config = Read("config.json").AsObject();
        Assert.Equal("BertModel", config["architectures"]![0]!.GetValue<string>());
        Assert.Equal("float32", config["torch_dtype"]!.GetValue<string>());
        Assert.Equal("bert", config["model_type"]!.GetValue<string>());
        Assert.Equal(8, config["hidden_size"]!.GetValue<int>());
        Assert.Equal(1e-12, config["layer_norm_eps"]!.GetValue<double>());
        Assert.Equal("gelu", config["hidden_act"]!.GetValue<string>());
        Assert.True(config.ContainsKey("transformers_version"));
        var keys = config.Select(pair => pair.Key).ToList();
        Assert.Equal(keys.OrderBy(key => key, StringComparer.Ordinal), keys); // transformers sorts keys

        Assert.Equal(
            """[{"idx":0,"name":"0","path":"","type":"sentence_transformers.models.Transformer"},{"idx":1,"name":"1","path":"1_Pooling","type":"sentence_transformers.models.Pooling"},{"idx":2,"name":"2","path":"2_Normalize","type":"sentence_transformers.models.Normalize"}]""",
            Read("modules.json").ToJsonString());
        Assert.Equal("""{"max_seq_length":256,"do_lower_case":false}""", Read("sentence_bert_config.json").ToJsonString());
        Assert.Equal(
            """{"word_embedding_dimension":8,"pooling_mode_cls_token":false,"pooling_mode_mean_tokens":true,"pooling_mode_max_tokens":false,"pooling_mode_mean_sqrt_len_tokens":false,"pooling_mode_weightedmean_tokens":false,"pooling_mode_lasttoken":false,"include_prompt":true}""",
            Read("1_Pooling/config.json").ToJsonString());
        var st = Read("config_sentence_transformers.json").AsObject();
        Assert.Equal(new[] { "__version__", "prompts", "default_prompt_name", "similarity_fn_name" }, st.Select(pair => pair.Key));
        Assert.Equal("cosine", st["similarity_fn_name"]!.GetValue<string>());
        Assert.Null(st["default_prompt_name"]);
        Assert.NotNull(st["__version__"]!["sentence_transformers"]);
        Assert.Empty(st["prompts"]!.AsObject());
        Assert.Equal("{}", Read("2_Normalize/config.json").ToJsonString());

        var tokenizer = Read("tokenizer.json");
        Assert.Equal("WordPiece", tokenizer["model"]!["type"]!.GetValue<string>());
        Assert.Equal(7, tokenizer["model"]!["vocab"]!["cat"]!.GetValue<int>());
        Assert.True(Read("tokenizer_config.json")["do_lower_case"]!.GetValue<bool>());
        Assert.Equal("[CLS]", Read("special_tokens_map.json")["cls_token"]!["content"]!.GetValue<string>());
        Assert.Equal(File.ReadAllText(vocab), File.ReadAllText(Path.Combine(folder, "vocab.txt")));
        TinyBert.Dispose(stateDict.Values);
    }

    [Fact]
    public void Model_safetensors_holds_the_state_dict_under_its_names_with_pt_metadata()
    {
        using var temp = new TempFolder();
        var vocab = TinyBert.WriteVocab(temp.Combine("source"));
        var stateDict = TinyBert.StateDict();
        var folder = SentenceTransformersFolder.Save(temp.Combine("model"), TinyBert.Config, stateDict, new TokenizerFileSet(vocab));

        using var file = SafeTensorsFormat.ReadFile(Path.Combine(folder, "model.safetensors"));
        Assert.Equal("pt", file.Metadata["format"]);
        TinyBert.AssertSameTensors(stateDict, file.Tensors);
        var names = file.Entries.Select(entry => entry.Name).ToList();
        Assert.Equal(names.OrderBy(name => name, StringComparer.Ordinal), names);
        TinyBert.Dispose(stateDict.Values);
    }

    [Fact]
    public void Save_then_load_gives_back_the_same_model()
    {
        using var temp = new TempFolder();
        var vocab = TinyBert.WriteVocab(temp.Combine("source"));
        var stateDict = TinyBert.StateDict();
        var folder = SentenceTransformersFolder.Save(temp.Combine("model"), TinyBert.Config, stateDict, new TokenizerFileSet(vocab), new SentenceTransformersFolderOptions { MaxSeqLength = 24 });

        using var loaded = ModelFolderReader.Load(folder);
        Assert.Equal(TinyBert.Config, loaded.Config);
        Assert.Equal(24, loaded.MaxSeqLength);
        TinyBert.AssertSameTensors(stateDict, loaded.StateDict);
        Assert.Equal(Path.Combine(folder, "vocab.txt"), loaded.VocabPath);
        Assert.NotNull(loaded.Tokenizer.TokenizerJsonPath);

        // Saving a loaded folder again copies its tokenizer files as they are.
        var again = SentenceTransformersFolder.Save(temp.Combine("again"), loaded.Config, loaded.StateDict, loaded.Tokenizer);
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder, "tokenizer.json")), File.ReadAllBytes(Path.Combine(again, "tokenizer.json")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder, "model.safetensors")), File.ReadAllBytes(Path.Combine(again, "model.safetensors")));
        TinyBert.Dispose(stateDict.Values);
    }

    [Fact]
    public void Save_replaces_an_existing_folder_only_when_allowed()
    {
        using var temp = new TempFolder();
        var vocab = TinyBert.WriteVocab(temp.Combine("source"));
        var target = temp.Combine("model");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "stale.txt"), "old");
        var stateDict = TinyBert.StateDict();

        Assert.Throws<IOException>(() => SentenceTransformersFolder.Save(target, TinyBert.Config, stateDict, new TokenizerFileSet(vocab), new SentenceTransformersFolderOptions { Overwrite = false }));
        Assert.True(File.Exists(Path.Combine(target, "stale.txt")));

        SentenceTransformersFolder.Save(target, TinyBert.Config, stateDict, new TokenizerFileSet(vocab));
        Assert.False(File.Exists(Path.Combine(target, "stale.txt")));
        Assert.True(File.Exists(Path.Combine(target, "model.safetensors")));
        Assert.Single(Directory.GetDirectories(temp.Path), dir => Path.GetFileName(dir) == "model");
        TinyBert.Dispose(stateDict.Values);
    }
}
