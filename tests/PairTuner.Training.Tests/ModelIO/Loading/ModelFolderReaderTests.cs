using System.Text.Json.Nodes;
using PairTuner.Training.ModelIO.Folders;
using PairTuner.Training.ModelIO.Loading;
using TorchSharp;
using TorchSharp.PyBridge;
using SafeTensorsFormat = PairTuner.Training.ModelIO.SafeTensors.SafeTensors;

namespace PairTuner.Training.Tests.ModelIO.Loading;

public class ModelFolderReaderTests
{
    [Fact]
    public void Hugging_Face_folder_with_a_bert_prefix_head_gamma_beta_fp16_and_no_pooler_loads_as_float32_BertModel_names()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("hf");
        TinyBert.WriteVocab(folder);
        BertConfigFile.Write(Path.Combine(folder, "config.json"), TinyBert.Config);
        var expected = TinyBert.StateDict();
        var stored = new Dictionary<string, torch.Tensor>();
        foreach (var (name, tensor) in expected)
        {
            var storedName = "bert." + name.Replace("LayerNorm.weight", "LayerNorm.gamma", StringComparison.Ordinal).Replace("LayerNorm.bias", "LayerNorm.beta", StringComparison.Ordinal);
            stored[storedName] = tensor.to(torch.float16);
        }

        // Saved without the pooler (add_pooling_layer=False): it loads as zeros.
        stored.Remove("bert.pooler.dense.weight", out var poolerWeight);
        stored.Remove("bert.pooler.dense.bias", out var poolerBias);
        poolerWeight!.Dispose();
        poolerBias!.Dispose();
        stored["cls.predictions.bias"] = torch.zeros(12);
        stored["bert.embeddings.position_ids"] = torch.arange(32, dtype: torch.int64).unsqueeze(0);
        SafeTensorsFormat.WriteFile(Path.Combine(folder, "model.safetensors"), stored);

        using var loaded = ModelFolderReader.Load(folder);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), loaded.StateDict.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, tensor) in expected.Where(pair => !pair.Key.StartsWith("pooler.", StringComparison.Ordinal)))
        {
            Assert.Equal(torch.ScalarType.Float32, loaded.StateDict[name].dtype);
            using var roundedTwice = tensor.to(torch.float16).to(torch.float32);
            using var same = roundedTwice.eq(loaded.StateDict[name]).all();
            Assert.True(same.item<bool>(), name);
        }

        Assert.Equal(0f, loaded.StateDict["pooler.dense.weight"].abs().sum().item<float>());
        Assert.Equal(32, loaded.MaxSeqLength); // no sentence_bert_config.json: the position table's size
        TinyBert.Dispose(expected.Values.Concat(stored.Values));
    }

    [Fact]
    public void Pytorch_model_bin_written_by_torch_save_format_loads()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("bin");
        TinyBert.WriteVocab(folder);
        BertConfigFile.Write(Path.Combine(folder, "config.json"), TinyBert.Config);
        var expected = TinyBert.StateDict(seed: 3);
        using (var stream = File.Create(Path.Combine(folder, "pytorch_model.bin")))
        {
            PyTorchPickler.PickleStateDict(stream, expected.ToDictionary(pair => pair.Key, pair => (object)pair.Value));
        }

        using var loaded = ModelFolderReader.Load(folder);
        TinyBert.AssertSameTensors(expected, loaded.StateDict);
        TinyBert.Dispose(expected.Values);
    }

    [Fact]
    public void Sentence_transformers_v1_layout_with_the_transformer_in_a_sub_folder_loads()
    {
        using var temp = new TempFolder();
        var saved = SaveTiny(temp, "flat", maxSeqLength: 20);
        var folder = temp.Combine("v1");
        var transformer = Path.Combine(folder, "0_Transformer");
        Directory.CreateDirectory(transformer);
        foreach (var name in new[] { "config.json", "model.safetensors", "vocab.txt", "sentence_bert_config.json" })
        {
            File.Copy(Path.Combine(saved, name), Path.Combine(transformer, name));
        }

        Directory.CreateDirectory(Path.Combine(folder, "1_Pooling"));
        File.Copy(Path.Combine(saved, "1_Pooling", "config.json"), Path.Combine(folder, "1_Pooling", "config.json"));
        File.WriteAllText(Path.Combine(folder, "modules.json"), """
            [{"idx": 0, "name": "0", "path": "0_Transformer", "type": "sentence_transformers.models.Transformer"},
             {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]
            """);

        using var loaded = ModelFolderReader.Load(folder);
        Assert.Equal(20, loaded.MaxSeqLength);
        Assert.Equal(Path.Combine(transformer, "vocab.txt"), loaded.VocabPath);
        Assert.Equal(TinyBert.Config, loaded.Config);
    }

    [Fact]
    public void A_folder_with_only_tokenizer_json_gets_a_vocab_txt_in_id_order()
    {
        using var temp = new TempFolder();
        var saved = SaveTiny(temp, "model", maxSeqLength: 16);
        File.Delete(Path.Combine(saved, "vocab.txt"));

        using var loaded = ModelFolderReader.Load(saved);
        Assert.Equal(TinyBert.Vocab, File.ReadAllLines(loaded.VocabPath));
        Assert.DoesNotContain(saved, loaded.VocabPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_refuses_what_the_encoder_cannot_run_naming_file_and_field()
    {
        using var temp = new TempFolder();
        var saved = SaveTiny(temp, "model", maxSeqLength: 16);

        var pooling = Path.Combine(saved, "1_Pooling", "config.json");
        var original = File.ReadAllText(pooling);
        File.WriteAllText(pooling, original.Replace("\"pooling_mode_cls_token\": false", "\"pooling_mode_cls_token\": true", StringComparison.Ordinal));
        var error = Assert.Throws<ModelFolderException>(() => ModelFolderReader.Load(saved));
        Assert.Contains(pooling, error.Message);
        Assert.Contains("pooling_mode_mean_tokens", error.Message);
        File.WriteAllText(pooling, original);

        var config = Path.Combine(saved, "config.json");
        var json = JsonNode.Parse(File.ReadAllText(config))!;
        json["hidden_act"] = "relu";
        File.WriteAllText(config, json.ToJsonString());
        error = Assert.Throws<ModelFolderException>(() => ModelFolderReader.Load(saved));
        Assert.Contains(config, error.Message);
        Assert.Contains("'hidden_act'", error.Message);

        json["hidden_act"] = "gelu";
        json["hidden_size"] = 16;
        File.WriteAllText(config, json.ToJsonString());
        error = Assert.Throws<ModelFolderException>(() => ModelFolderReader.Load(saved));
        Assert.Contains("model.safetensors", error.Message);
        Assert.Contains("embeddings.word_embeddings.weight", error.Message);
        Assert.Contains("[12, 8]", error.Message);

        var modules = Path.Combine(saved, "modules.json");
        File.WriteAllText(modules, """[{"idx":0,"name":"0","path":"","type":"sentence_transformers.models.Transformer"},{"idx":1,"name":"1","path":"2_Dense","type":"sentence_transformers.models.Dense"}]""");
        error = Assert.Throws<ModelFolderException>(() => ModelFolderReader.Load(saved));
        Assert.Contains("sentence_transformers.models.Dense", error.Message);
    }

    [Fact]
    public void A_missing_parameter_or_weights_file_is_named()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("partial");
        TinyBert.WriteVocab(folder);
        BertConfigFile.Write(Path.Combine(folder, "config.json"), TinyBert.Config);
        Assert.Contains("neither model.safetensors nor pytorch_model.bin", Assert.Throws<ModelFolderException>(() => ModelFolderReader.Load(folder)).Message);

        var stateDict = TinyBert.StateDict();
        stateDict.Remove("encoder.layer.1.output.dense.weight", out var removed);
        SafeTensorsFormat.WriteFile(Path.Combine(folder, "model.safetensors"), stateDict);
        var error = Assert.Throws<ModelFolderException>(() => ModelFolderReader.Load(folder));
        Assert.Contains("encoder.layer.1.output.dense.weight", error.Message);
        Assert.Contains("1 of 39", error.Message);
        TinyBert.Dispose(stateDict.Values.Append(removed!));
    }

    private static string SaveTiny(TempFolder temp, string name, int maxSeqLength)
    {
        var vocab = TinyBert.WriteVocab(temp.Combine("source-" + name));
        var stateDict = TinyBert.StateDict();
        try
        {
            return SentenceTransformersFolder.Save(temp.Combine(name), TinyBert.Config, stateDict, new TokenizerFileSet(vocab), new SentenceTransformersFolderOptions { MaxSeqLength = maxSeqLength });
        }
        finally
        {
            TinyBert.Dispose(stateDict.Values);
        }
    }
}
