using System.Text.Json;
using PairTuner.Cli.Commands;
using PairTuner.Cli.Commands.Evaluation;
using PairTuner.Tests;
using PairTuner.Tests.Models;
using PairTuner.Training.ModelIO.Hub;
using PairTuner.Training.ModelIO.Loading;

namespace PairTuner.Cli.Tests.Commands;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pairtuner-evaluate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Prints_sentence_transformers_metrics_for_a_pairs_file_with_the_builtin_model()
    {
        // 30 STS-B dev pairs spread over the genres (the file is grouped by genre).
        var lines = File.ReadAllLines(RepositoryLayout.TestData("stsb", "dev.jsonl")).Where(static (_, i) => i % 17 == 0).ToArray();
        var pairs = Path.Combine(_folder, "stsb-sample.jsonl");
        await File.WriteAllLinesAsync(pairs, lines);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await EvaluateCommand.RunAsync(new EvaluateRequest { Pairs = pairs }, output, error, CancellationToken.None);

        Assert.True(exit == 0, error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        var metrics = json.RootElement.GetProperty("metrics");
        foreach (var name in new[] { "cosine_accuracy@1", "cosine_precision@3", "cosine_recall@10", "cosine_mrr@10", "cosine_ndcg@10", "cosine_map@100", "spearman_cosine", "pearson_cosine" })
        {
            Assert.True(metrics.TryGetProperty(name, out _), $"{name} is missing from {metrics}");
        }

        // The real model on STS-B: a clearly positive correlation with the gold scores (0.87 on all of dev).
        Assert.InRange(metrics.GetProperty("spearman_cosine").GetDouble(), 0.6, 1.0);
        Assert.Equal("gold", json.RootElement.GetProperty("labels").GetString());
        Assert.Equal(30, json.RootElement.GetProperty("counts").GetProperty("pairs").GetInt32());
        Assert.Equal(256, json.RootElement.GetProperty("maxSeqLength").GetInt32());
    }

    [Fact]
    public async Task Evaluates_a_beir_folder()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "qrels"));
        await File.WriteAllLinesAsync(Path.Combine(_folder, "corpus.jsonl"),
        [
            """{"_id": "d1", "title": "Password reset", "text": "Open settings, choose security and click reset password."}""",
            """{"_id": "d2", "title": "Invoices", "text": "Invoices are emailed on the first day of each month."}""",
            """{"_id": "d3", "title": "Office hours", "text": "The office is open from nine to five on weekdays."}""",
        ]);
        await File.WriteAllLinesAsync(Path.Combine(_folder, "queries.jsonl"),
        [
            """{"_id": "q1", "text": "how do I change my password"}""",
            """{"_id": "q2", "text": "when do I get my bill"}""",
        ]);
        await File.WriteAllLinesAsync(Path.Combine(_folder, "qrels", "test.tsv"), ["query-id\tcorpus-id\tscore", "q1\td1\t1", "q2\td2\t1"]);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await EvaluateCommand.RunAsync(new EvaluateRequest { Beir = _folder }, output, error, CancellationToken.None);

        Assert.True(exit == 0, error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal(1.0, json.RootElement.GetProperty("metrics").GetProperty("cosine_accuracy@1").GetDouble());
        Assert.False(json.RootElement.GetProperty("metrics").TryGetProperty("spearman_cosine", out _));
        Assert.Equal("test", json.RootElement.GetProperty("split").GetString());
    }

    [Fact]
    public async Task A_bad_pairs_file_exits_1_naming_file_line_and_field()
    {
        var pairs = Path.Combine(_folder, "bad.jsonl");
        await File.WriteAllLinesAsync(pairs, ["""{"text1": "a", "text2": "b", "score": 1}""", """{"text1": "c"}"""]);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await EvaluateCommand.RunAsync(new EvaluateRequest { Pairs = pairs }, output, error, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("bad.jsonl:2", error.ToString());
        Assert.Contains("text2", error.ToString());
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public async Task An_unknown_model_exits_1_and_says_what_model_accepts()
    {
        var pairs = Path.Combine(_folder, "ok.jsonl");
        await File.WriteAllLinesAsync(pairs, ["""{"text1": "a", "text2": "b"}"""]);
        using var error = new StringWriter();

        var exit = await EvaluateCommand.RunAsync(
            new EvaluateRequest { Pairs = pairs, Model = Path.Combine(_folder, "no-such-model") }, TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("no such folder, and not a Hugging Face model id", error.ToString());
    }

    [Fact]
    public async Task A_hub_model_id_is_downloaded_and_evaluated_as_train_and_embed_take_it()
    {
        // What evaluate --model owner/name does: the same resolver as train and embed, here against a local Hub.
        var pairs = Path.Combine(_folder, "pairs.jsonl");
        await File.WriteAllLinesAsync(pairs,
        [
            """{"text1": "the cat sat on the mat", "text2": "a cat is on the mat", "score": 0.9}""",
            """{"text1": "the office opens at nine", "text2": "invoices arrive monthly", "score": 0.1}""",
            """{"text1": "reset your password", "text2": "change the password", "score": 0.8}""",
        ]);
        var model = TinyModelFolder.Write(Path.Combine(_folder, "tiny"), File.ReadLines(pairs));
        using var hub = new HubTestServer();
        foreach (var path in Directory.EnumerateFiles(model, "*", SearchOption.AllDirectories))
        {
            hub.AddFile("org/tiny", "main", Path.GetRelativePath(model, path).Replace('\\', '/'), File.ReadAllBytes(path));
        }
        var loader = new ModelLoader(new ModelCache(Path.Combine(_folder, "cache")), new HubOptions { Endpoint = hub.Endpoint });
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await EvaluateCommand.RunAsync(
            new EvaluateRequest { Pairs = pairs, Model = "org/tiny", Loader = loader }, output, error, CancellationToken.None);

        Assert.True(exit == 0, error.ToString());
        Assert.Contains("model hub org/tiny@main", error.ToString());
        Assert.Contains(hub.Requests, static request => request.Path.EndsWith("/model.safetensors", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal(3, json.RootElement.GetProperty("counts").GetProperty("pairs").GetInt32());
    }

    [Fact]
    public async Task Cuda_without_a_gpu_exits_1_and_says_so()
    {
        if (TorchSharp.torch.cuda.is_available())
        {
            return; // A GPU machine runs the request for real; this checks the CPU-only message.
        }

        var pairs = Path.Combine(_folder, "ok.jsonl");
        await File.WriteAllLinesAsync(pairs, ["""{"text1": "a", "text2": "b"}"""]);
        using var error = new StringWriter();

        var exit = await EvaluateCommand.RunAsync(new EvaluateRequest { Pairs = pairs, Device = "cuda" }, TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("cuda", error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("--pairs a.jsonl --beir dir")]
    [InlineData("")]
    [InlineData("--pairs a.jsonl --precision fp16")]
    public void Options_outside_the_contract_are_refused(string args)
    {
        var result = EvaluateCommand.Create().Parse(args.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.NotEmpty(result.Errors);
    }
}
