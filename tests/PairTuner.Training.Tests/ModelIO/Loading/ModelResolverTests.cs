using PairTuner.Tests.Models;
using PairTuner.Training.ModelIO.Folders;
using PairTuner.Training.ModelIO.Hub;
using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Modeling;

namespace PairTuner.Training.Tests.ModelIO.Loading;

public sealed class ModelResolverTests
{
    [Fact]
    public void A_folder_and_the_same_model_as_a_Hub_id_resolve_to_the_same_encoder_and_tokenizer()
    {
        using var temp = new TempFolder();
        using var hub = new HubTestServer();
        var folder = SaveTiny(temp);
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            hub.AddFile("org/tiny", "main", Path.GetRelativePath(folder, path).Replace('\\', '/'), File.ReadAllBytes(path));
        }

        var loader = new ModelLoader(new ModelCache(temp.Combine("cache")), new HubOptions { Endpoint = hub.Endpoint });
        var fromFolder = ModelResolver.Open(folder, new EncoderOptions(), loader: loader);
        var fromHub = ModelResolver.Open("org/tiny", new EncoderOptions(), maxSeqLength: 16, loader: loader);
        using (fromFolder.Encoder)
        using (fromHub.Encoder)
        {
            Assert.Equal(Path.GetFullPath(folder), fromFolder.Source);
            Assert.Equal("hub org/tiny@main", fromHub.Source);
            Assert.Equal(24, fromFolder.MaxSeqLength);
            Assert.Equal(16, fromHub.MaxSeqLength);
            Assert.Equal(fromFolder.Tokenizer.Encode("the cats sat on the mat"), fromHub.Tokenizer.Encode("the cats sat on the mat"));

            // Modules start in training mode, with dropout; the commands switch to eval as this does.
            fromFolder.Encoder.eval();
            fromHub.Encoder.eval();
            var batch = fromFolder.Tokenizer.EncodeBatch(["the cat sat", "on the mat"]);
            using var a = fromFolder.Encoder.Embed(batch);
            using var b = fromHub.Encoder.Embed(batch);
            Assert.True(a.allclose(b, rtol: 0, atol: 0), "the Hub copy embeds differently from the folder");
        }
    }

    [Fact]
    public void What_is_no_model_says_so_as_a_model_error()
    {
        using var temp = new TempFolder();
        var loader = new ModelLoader(new ModelCache(temp.Combine("cache")), new HubOptions { Endpoint = new Uri("http://127.0.0.1:9") });
        var error = Assert.ThrowsAny<Exception>(() => ModelResolver.Open(temp.Combine("no-such-folder"), new EncoderOptions(), loader: loader));
        Assert.True(ModelResolver.IsModelError(error), error.ToString());
        Assert.Contains("no such folder", error.Message);
    }

    private static string SaveTiny(TempFolder temp)
    {
        var vocab = TinyBert.WriteVocab(temp.Combine("vocab"));
        var stateDict = TinyBert.StateDict();
        try
        {
            return SentenceTransformersFolder.Save(temp.Combine("tiny"), TinyBert.Config, stateDict, new TokenizerFileSet(vocab), new SentenceTransformersFolderOptions { MaxSeqLength = 24 });
        }
        finally
        {
            TinyBert.Dispose(stateDict.Values);
        }
    }
}
