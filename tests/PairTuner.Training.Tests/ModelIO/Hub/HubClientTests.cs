using PairTuner.Tests.Models;
using PairTuner.Training.ModelIO.Folders;
using PairTuner.Training.ModelIO.Hub;
using PairTuner.Training.ModelIO.Loading;

namespace PairTuner.Training.Tests.ModelIO.Hub;

public class HubClientTests
{
    private const string Token = "hf_TestTokenNeverPrinted42";

    [Fact]
    public async Task A_Hub_model_downloads_into_the_cache_once_following_redirects_and_skipping_optional_404s()
    {
        using var temp = new TempFolder();
        using var hub = new HubTestServer();
        using var cdn = new HubTestServer();
        var source = SaveTiny(temp);
        Serve(hub, "org/tiny", "main", source, except: ["tokenizer_config.json", "special_tokens_map.json"]);

        // Large files go to the CDN on another origin; the token must not follow them there.
        var weightsPath = "/org/tiny/resolve/main/model.safetensors";
        cdn.Files["/blobs/abc123"] = hub.Files[weightsPath];
        hub.Files.TryRemove(weightsPath, out _);
        hub.Redirects[weightsPath] = $"{cdn.Endpoint}blobs/abc123";
        // A renamed repo answers with a relative redirect to its new name.
        var configPath = "/org/tiny/resolve/main/config.json";
        hub.Files["/org/renamed/resolve/main/config.json"] = hub.Files[configPath];
        hub.Files.TryRemove(configPath, out _);
        hub.Redirects[configPath] = "/org/renamed/resolve/main/config.json";

        var loader = new ModelLoader(new ModelCache(temp.Combine("cache")), new HubOptions { Endpoint = hub.Endpoint, Token = Token });
        using (var loaded = await loader.LoadAsync("org/tiny"))
        {
            var expected = TinyBert.StateDict();
            TinyBert.AssertSameTensors(expected, loaded.StateDict);
            TinyBert.Dispose(expected.Values);
            Assert.Equal(TinyBert.Config, loaded.Config);
            Assert.Equal(24, loaded.MaxSeqLength);
            Assert.Equal("hub org/tiny@main", loaded.Source);
            Assert.Equal(Path.Combine(temp.Path, "cache", "hub", "org--tiny", "main"), loaded.Folder);
            Assert.Null(loaded.Tokenizer.TokenizerConfigPath);
        }

        Assert.All(hub.Requests, request => Assert.Equal($"Bearer {Token}", request.Authorization));
        Assert.Equal(("/blobs/abc123", (string?)null), Assert.Single(cdn.Requests));
        Assert.Contains(hub.Requests, request => request.Path.EndsWith("/tokenizer_config.json", StringComparison.Ordinal));
        Assert.DoesNotContain(Directory.GetDirectories(Path.Combine(temp.Path, "cache", "hub")), dir => Path.GetFileName(dir).StartsWith('.'));

        // Cached: a second load asks the server nothing.
        var before = hub.Requests.Count;
        using (await loader.LoadAsync("org/tiny"))
        {
        }

        Assert.Equal(before, hub.Requests.Count);
    }

    [Fact]
    public async Task A_refused_token_gives_the_Hub_message_and_names_HF_TOKEN_but_not_the_token()
    {
        using var temp = new TempFolder();
        using var hub = new HubTestServer { RequiredToken = "the-right-one" };
        var cache = new ModelCache(temp.Combine("cache"));

        var wrong = new ModelLoader(cache, new HubOptions { Endpoint = hub.Endpoint, Token = Token });
        var error = await Assert.ThrowsAsync<HubDownloadException>(() => wrong.LoadAsync("org/private"));
        Assert.Contains("401", error.Message);
        Assert.Contains("Access to model org/private is restricted", error.Message);
        Assert.Contains("the token in HF_TOKEN was refused", error.Message);
        Assert.DoesNotContain(Token, error.ToString());

        var anonymous = new ModelLoader(cache, new HubOptions { Endpoint = hub.Endpoint });
        error = await Assert.ThrowsAsync<HubDownloadException>(() => anonymous.LoadAsync("org/private"));
        Assert.Contains("HF_TOKEN is not set", error.Message);
        Assert.False(Directory.Exists(cache.HubFolder(new HubModelId("org/private", "main"))));
    }

    [Fact]
    public async Task A_missing_required_file_is_named_and_leaves_no_cache_entry()
    {
        using var temp = new TempFolder();
        using var hub = new HubTestServer();
        Serve(hub, "org/noweights", "v1", SaveTiny(temp), except: ["model.safetensors"]);
        Serve(hub, "org/noconfig", "main", SaveTiny(temp), except: ["config.json"]);
        var cache = new ModelCache(temp.Combine("cache"));
        var loader = new ModelLoader(cache, new HubOptions { Endpoint = hub.Endpoint });

        var error = await Assert.ThrowsAsync<HubDownloadException>(() => loader.LoadAsync("org/noconfig"));
        Assert.Contains("org/noconfig@main: required file 'config.json' not found", error.Message);
        Assert.Contains("404: Entry not found", error.Message);

        error = await Assert.ThrowsAsync<HubDownloadException>(() => loader.LoadAsync("org/noweights@v1"));
        Assert.Contains("neither model.safetensors nor pytorch_model.bin", error.Message);
        Assert.Contains(hub.Requests, request => request.Path == "/org/noweights/resolve/v1/pytorch_model.bin");

        Assert.Empty(Directory.GetDirectories(Path.Combine(cache.Root, "hub", "org--noconfig")));
        Assert.Empty(Directory.GetDirectories(Path.Combine(cache.Root, "hub", "org--noweights")));
    }

    [Fact]
    public void File_urls_follow_the_Hub_layout_with_the_revision_as_one_segment()
    {
        using var client = new HubClient(new HubOptions { Endpoint = new Uri("https://hub.example/mirror") });
        Assert.Equal(
            "https://hub.example/mirror/sentence-transformers/all-MiniLM-L6-v2/resolve/refs%2Fpr%2F1/1_Pooling/config.json",
            client.FileUrl(new HubModelId("sentence-transformers/all-MiniLM-L6-v2", "refs/pr/1"), "1_Pooling/config.json").AbsoluteUri);
    }

    private static string SaveTiny(TempFolder temp)
    {
        var vocab = TinyBert.WriteVocab(temp.Combine("vocab-" + Guid.NewGuid().ToString("N")));
        var stateDict = TinyBert.StateDict();
        try
        {
            return SentenceTransformersFolder.Save(temp.Combine("source-" + Guid.NewGuid().ToString("N")), TinyBert.Config, stateDict, new TokenizerFileSet(vocab), new SentenceTransformersFolderOptions { MaxSeqLength = 24 });
        }
        finally
        {
            TinyBert.Dispose(stateDict.Values);
        }
    }

    private static void Serve(HubTestServer hub, string repo, string revision, string folder, string[] except)
    {
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
            if (!except.Contains(relative))
            {
                hub.AddFile(repo, revision, relative, File.ReadAllBytes(path));
            }
        }
    }
}
