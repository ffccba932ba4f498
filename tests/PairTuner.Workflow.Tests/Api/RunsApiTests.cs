using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using PairTuner.Contracts.Runs;
using PairTuner.Workflow.Api;
using PairTuner.Workflow.Runs;

namespace PairTuner.Workflow.Tests.Api;

public class RunsApiTests : IClassFixture<ApiHost>
{
    private static readonly Uri BaseUri = new("http://127.0.0.1:7071/api");
    private readonly ApiHost _host;
    private readonly string _folder = "api-tests/" + Guid.NewGuid().ToString("N")[..8];

    public RunsApiTests(ApiHost host) => _host = host;

    private RunsApi Api(ApiLimits? limits = null, IEnumerable<KeyValuePair<string, string?>>? defaults = null) =>
        new(_host.Client, new PairsRunStarter(_host.Client, _host.Blobs, defaults), limits);

    [Fact]
    public async Task Start_with_an_uploaded_blob_answers_202_with_durable_shaped_links()
    {
        var (name, etag) = await UploadAsync("tickets.jsonl", metadata: new() { ["epochs"] = "2", ["batchsize"] = "64" });

        var response = await Api(defaults: [new("warmupSteps", "7"), new("epochs", "4")])
            .StartAsync(Post("runs", $$"""{ "input": "pairs/{{name}}", "batchSize": 16 }"""));

        Assert.Equal(202, response.StatusCode);
        var body = Json(response);
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal(RunIds.FromBlob(name, etag), id);
        Assert.Equal($"http://127.0.0.1:7071/api/runs/{id}", body.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal($"http://127.0.0.1:7071/api/runs/{id}/cancel", body.GetProperty("terminatePostUri").GetString());
        Assert.Equal($"http://127.0.0.1:7071/api/runs/{id}/raiseEvent/{{eventName}}", body.GetProperty("sendEventPostUri").GetString());
        Assert.Equal($"http://127.0.0.1:7071/api/runs/{id}", body.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.Equal($"http://127.0.0.1:7071/api/runs/{id}", body.GetProperty("runUri").GetString());
        Assert.Equal(body.GetProperty("statusQueryGetUri").GetString(), response.Headers["Location"]);

        // The orchestration got the merged options: body 16 > metadata 64, metadata 2 > setting 4, setting 7 > default 100.
        var instance = await _host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        var request = instance!.ReadInputAs<RunRequest>()!;
        Assert.Equal("pairs/" + name, request.Input);
        Assert.Equal(16, request.Options.Training.BatchSize);
        Assert.Equal(2, request.Options.Training.Epochs);
        Assert.Equal(7, request.Options.Training.WarmupSteps);
    }

    [Fact]
    public async Task The_same_upload_seen_twice_is_one_run_and_new_content_is_another()
    {
        var (name, _) = await UploadAsync("twice.jsonl");
        var starter = new PairsRunStarter(_host.Client, _host.Blobs);

        var first = await starter.StartForUploadAsync(name);
        var again = await starter.StartForUploadAsync(name);
        var viaApi = await Api().StartAsync(Post("runs", $$"""{ "input": "pairs/{{name}}" }"""));

        Assert.Equal(RunStartOutcome.Started, first.Outcome);
        Assert.Equal(RunStartOutcome.AlreadyExists, again.Outcome);
        Assert.Equal(first.RunId, again.RunId);
        Assert.Equal(409, viaApi.StatusCode);
        Assert.Equal(first.RunId, Json(viaApi).GetProperty("run").GetProperty("id").GetString());
        Assert.Contains("one upload is one run", Json(viaApi).GetProperty("error").GetString(), StringComparison.Ordinal);

        await UploadAsync("twice.jsonl", content: "{\"text1\":\"new\",\"text2\":\"content\"}\n");
        var reupload = await starter.StartForUploadAsync(name);

        Assert.Equal(RunStartOutcome.Started, reupload.Outcome);
        Assert.NotEqual(first.RunId, reupload.RunId);
    }

    [Fact]
    public async Task Simultaneous_deliveries_of_one_event_start_one_run()
    {
        var (name, _) = await UploadAsync("race.jsonl");
        var starter = new PairsRunStarter(_host.Client, _host.Blobs);

        var starts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => starter.StartForUploadAsync(name)));

        Assert.Single(starts.Select(s => s.RunId).Distinct());
        Assert.Single(starts, s => s.Outcome == RunStartOutcome.Started);
    }

    [Fact]
    public async Task A_claim_left_by_a_starter_that_died_is_taken_over_once_stale()
    {
        var (name, etag) = await UploadAsync("stale-claim.jsonl");
        var runId = RunIds.FromBlob(name, etag);
        var claim = _host.Blobs.GetBlobContainerClient("runs").GetBlobClient(runId + "/started.json");
        await _host.Blobs.GetBlobContainerClient("runs").CreateIfNotExistsAsync();
        await claim.UploadAsync(BinaryData.FromString("{}"));

        var fresh = await new PairsRunStarter(_host.Client, _host.Blobs).StartForUploadAsync(name);
        Assert.Equal(RunStartOutcome.AlreadyExists, fresh.Outcome);
        Assert.Null(await _host.Client.GetInstanceAsync(runId));

        var later = await new PairsRunStarter(_host.Client, _host.Blobs) { StaleClaimAge = TimeSpan.Zero }.StartForUploadAsync(name);
        Assert.Equal(RunStartOutcome.Started, later.Outcome);
        Assert.NotNull(await _host.Client.GetInstanceAsync(runId));
        Assert.Contains(runId, (await claim.DownloadContentAsync()).Value.Content.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inline_pairs_are_written_under_the_run_not_under_pairs()
    {
        var runId = "inline-" + Guid.NewGuid().ToString("N")[..12];

        var response = await Api().StartAsync(Post("runs", $$"""
            { "runId": "{{runId}}", "pairs": [["how do I reset my password", "password reset steps"], { "text1": "vpn drops", "text2": "vpn disconnects", "score": 0.8 }], "epochs": 1 }
            """));

        Assert.Equal(202, response.StatusCode);
        Assert.Equal(runId, Json(response).GetProperty("id").GetString());
        var blob = _host.Blobs.GetBlobContainerClient("runs").GetBlobClient(runId + "/input.jsonl");
        var lines = (await blob.DownloadContentAsync()).Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("how do I reset my password", JsonDocument.Parse(lines[0]).RootElement.GetProperty("text1").GetString());
        Assert.Equal(0.8, JsonDocument.Parse(lines[1]).RootElement.GetProperty("score").GetDouble());
        var request = (await _host.Client.GetInstanceAsync(runId, getInputsAndOutputs: true))!.ReadInputAs<RunRequest>()!;
        Assert.Equal($"runs/{runId}/input.jsonl", request.Input);
        Assert.Equal(1, request.Options.Training.Epochs);

        // Posting the same id again does not start a second run.
        var again = await Api().StartAsync(Post("runs", $$"""{ "runId": "{{runId}}", "pairs": [["a", "b"]] }"""));
        Assert.Equal(409, again.StatusCode);
    }

    [Fact]
    public async Task Inline_pairs_without_an_id_get_one()
    {
        var response = await Api().StartAsync(Post("runs", """{ "pairs": [["a", "b"], ["c", "d"]] }"""));

        Assert.Equal(202, response.StatusCode);
        var id = Json(response).GetProperty("id").GetString()!;
        Assert.StartsWith("inline-", id, StringComparison.Ordinal);
        Assert.True(await _host.Blobs.GetBlobContainerClient("runs").GetBlobClient(id + "/input.jsonl").ExistsAsync());
    }

    [Fact]
    public async Task Every_bad_option_is_named_and_nothing_starts()
    {
        var (name, etag) = await UploadAsync("bad-options.jsonl", metadata: new() { ["loss"] = "triplet", ["owner"] = "team" });

        var response = await Api().StartAsync(Post("runs", $$"""{ "input": "pairs/{{name}}", "epochs": 0, "lr": "fast", "batchsize": 1, "epoch": 3 }"""));

        Assert.Equal(400, response.StatusCode);
        var body = Json(response);
        var fields = body.GetProperty("details").EnumerateArray().Select(d => d.GetProperty("field").GetString()).ToList();
        Assert.Equal(["loss", "epochs", "lr", "batchSize", "epoch"], fields);
        var error = body.GetProperty("error").GetString()!;
        Assert.Contains("loss = \"triplet\" (blob metadata): must be one of mnrl, symmetric, cached", error, StringComparison.Ordinal);
        Assert.Contains("did you mean epochs", error, StringComparison.Ordinal);
        Assert.Null(await _host.Client.GetInstanceAsync(RunIds.FromBlob(name, etag)));
    }

    [Fact]
    public async Task An_upload_with_bad_metadata_is_rejected_with_error_json()
    {
        var (name, etag) = await UploadAsync("bad-metadata.jsonl", metadata: new() { ["batchsize"] = "0", ["trainfraction"] = "2" });

        var start = await new PairsRunStarter(_host.Client, _host.Blobs).StartForUploadAsync(name);

        Assert.Equal(RunStartOutcome.Rejected, start.Outcome);
        Assert.Equal(RunIds.FromBlob(name, etag), start.RunId);
        Assert.Null(await _host.Client.GetInstanceAsync(start.RunId));
        var error = JsonDocument.Parse((await _host.Blobs.GetBlobContainerClient("runs").GetBlobClient(start.RunId + "/error.json").DownloadContentAsync()).Value.Content.ToString()).RootElement;
        Assert.Equal(["batchSize", "trainFraction"], error.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        Assert.Equal("pairs/" + name, error.GetProperty("input").GetString());
    }

    [Fact]
    public async Task Bodies_over_the_limit_are_413_naming_it()
    {
        var api = Api(new ApiLimits { MaxBodyBytes = 2048 });
        var big = "{ \"pairs\": [[\"" + new string('a', 3000) + "\", \"b\"]] }";

        var declared = await api.StartAsync(Post("runs", big) with { ContentLength = big.Length });
        var streamed = await api.StartAsync(Post("runs", big) with { ContentLength = null });

        foreach (var response in new[] { declared, streamed })
        {
            Assert.Equal(413, response.StatusCode);
            var error = Json(response).GetProperty("error").GetString()!;
            Assert.Contains("2048 bytes", error, StringComparison.Ordinal);
            Assert.Contains("PairTuner:Api:MaxBodyBytes", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Too_many_or_too_long_inline_pairs_are_400_naming_the_limit()
    {
        var api = Api(new ApiLimits { MaxInlinePairs = 3, MaxInlineTextLength = 10 });

        var many = await api.StartAsync(Post("runs", """{ "pairs": [["a","b"],["c","d"],["e","f"],["g","h"]] }"""));
        var longText = await api.StartAsync(Post("runs", """{ "pairs": [["a","b"],["this text is too long","d"]] }"""));

        Assert.Equal(400, many.StatusCode);
        Assert.Contains("at most 3 pairs", Json(many).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("MaxInlinePairs", Json(many).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, longText.StatusCode);
        var detail = Assert.Single(Json(longText).GetProperty("details").EnumerateArray());
        Assert.Equal("pairs[1][0]", detail.GetProperty("field").GetString());
        Assert.Contains("at most 10 characters", detail.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "pairs": [["a"]] }""", "pairs[0]")]
    [InlineData("""{ "pairs": [["a", ""]] }""", "pairs[0][1]")]
    [InlineData("""{ "pairs": [["a", 3]] }""", "pairs[0][1]")]
    [InlineData("""{ "pairs": [["a", "b", -1]] }""", "pairs[0][2]")]
    [InlineData("""{ "pairs": [] }""", "pairs")]
    [InlineData("""{ "pairs": "a,b" }""", "pairs")]
    [InlineData("""{ "input": "pairs/../runs/x/job.json" }""", "input")]
    [InlineData("""{ "input": "runs/x/input.jsonl" }""", "input")]
    [InlineData("""{ "input": 3 }""", "input")]
    [InlineData("""{ "epochs": 3 }""", "input")]
    [InlineData("""{ "input": "pairs/a.jsonl", "pairs": [["a", "b"]] }""", "input")]
    [InlineData("""{ "input": "pairs/a.jsonl", "runId": "../../x" }""", "runId")]
    [InlineData("""[["a", "b"]]""", "$")]
    public async Task Malformed_bodies_are_400_naming_the_field(string json, string field)
    {
        var response = await Api().StartAsync(Post("runs", json));

        Assert.Equal(400, response.StatusCode);
        Assert.Contains(Json(response).GetProperty("details").EnumerateArray(), d => d.GetProperty("field").GetString() == field);
    }

    [Fact]
    public async Task Invalid_json_says_where()
    {
        var response = await Api().StartAsync(Post("runs", "{\n  \"input\": \"pairs/a.jsonl\",\n  epochs: 3\n}"));

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("not valid JSON at line 3", Json(response).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_input_blob_is_400_saying_so()
    {
        var response = await Api().StartAsync(Post("runs", $$"""{ "input": "pairs/{{_folder}}/nothing-here.jsonl" }"""));

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("does not exist", Json(response).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_list_and_cancel_follow_a_running_run()
    {
        var (name, _) = await UploadAsync("running.jsonl");
        var api = Api();
        var id = Json(await api.StartAsync(Post("runs", $$"""{ "input": "pairs/{{name}}" }"""))).GetProperty("id").GetString()!;
        await WaitForAsync(id, m => m.SerializedCustomStatus is not null);

        var status = await api.GetAsync(Get($"runs/{id}"), id);
        Assert.Equal(200, status.StatusCode);
        var view = Json(status);
        Assert.Equal("running", view.GetProperty("status").GetString());
        Assert.Equal("training", view.GetProperty("stage").GetString());
        Assert.Equal(5, view.GetProperty("progress").GetProperty("step").GetInt32());
        Assert.Equal("pairs/" + name, view.GetProperty("input").GetString());
        Assert.False(view.TryGetProperty("outputs", out _));

        var list = Json(await api.ListAsync(Get("runs") with { Query = new Dictionary<string, string> { ["status"] = "running", ["top"] = "100" } }));
        var listed = Assert.Single(list.GetProperty("runs").EnumerateArray(), r => r.GetProperty("id").GetString() == id);
        Assert.Equal("training", listed.GetProperty("stage").GetString());
        Assert.Equal($"http://127.0.0.1:7071/api/runs/{id}", listed.GetProperty("runUri").GetString());

        var cancel = await api.CancelAsync(Post($"runs/{id}/cancel", string.Empty), id);
        Assert.Equal(202, cancel.StatusCode);
        var done = await WaitForAsync(id, m => m.IsCompleted);
        Assert.Equal("canceled: Canceled through the API.", done.ReadOutputAs<string>());

        var late = await api.CancelAsync(Post($"runs/{id}/cancel", string.Empty), id);
        Assert.Equal(409, late.StatusCode);

        var purge = await api.PurgeAsync(id);
        Assert.Equal(200, purge.StatusCode);
        Assert.Equal(404, (await api.GetAsync(Get($"runs/{id}"), id)).StatusCode);
    }

    [Fact]
    public async Task A_completed_run_shows_its_outputs_and_summary()
    {
        var (name, _) = await UploadAsync("complete.jsonl");
        var api = Api();
        var id = Json(await api.StartAsync(Post("runs", $$"""{ "input": "pairs/{{name}}" }"""))).GetProperty("id").GetString()!;
        await WaitForAsync(id, m => m.IsCompleted);

        var view = Json(await api.GetAsync(Get($"runs/{id}"), id));

        Assert.Equal("completed", view.GetProperty("status").GetString());
        var outputs = view.GetProperty("outputs");
        Assert.Equal($"models/{id}/", outputs.GetProperty("model").GetString());
        Assert.Equal($"models/{id}/onnx/model.onnx", outputs.GetProperty("onnx").GetString());
        Assert.Equal($"runs/{id}/eval.json", outputs.GetProperty("eval").GetString());
        Assert.Equal($"runs/{id}/report.html", outputs.GetProperty("report").GetString());
        Assert.Equal($"runs/{id}/summary.json", outputs.GetProperty("summary").GetString());
        Assert.True(view.TryGetProperty("summary", out _));
        Assert.False(view.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task A_failed_run_shows_the_error_and_where_its_details_are()
    {
        var (name, _) = await UploadAsync("fail.jsonl");
        var api = Api();
        var id = Json(await api.StartAsync(Post("runs", $$"""{ "input": "pairs/{{name}}" }"""))).GetProperty("id").GetString()!;
        await WaitForAsync(id, m => m.IsCompleted);

        var view = Json(await api.GetAsync(Get($"runs/{id}"), id));

        Assert.Equal("failed", view.GetProperty("status").GetString());
        Assert.Contains("No usable pairs", view.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal($"runs/{id}/error.json", view.GetProperty("error").GetProperty("details").GetString());
        Assert.Equal(409, (await api.CancelAsync(Post($"runs/{id}/cancel", string.Empty), id)).StatusCode);
    }

    [Fact]
    public async Task Host_links_replace_the_api_links_but_keep_run_and_cancel_uris()
    {
        var api = Api();
        var request = Post("runs", """{ "pairs": [["a", "b"]] }""") with
        {
            Links = id => new RunLinks(id, "https://app/runtime/webhooks/durabletask/instances/" + id, "e", "t", "p", string.Empty),
        };

        var body = Json(await api.StartAsync(request));

        var id = body.GetProperty("id").GetString();
        Assert.Equal("https://app/runtime/webhooks/durabletask/instances/" + id, body.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal($"http://127.0.0.1:7071/api/runs/{id}", body.GetProperty("runUri").GetString());
        Assert.Equal($"http://127.0.0.1:7071/api/runs/{id}/cancel", body.GetProperty("terminatePostUri").GetString());
        Assert.Equal("e", body.GetProperty("sendEventPostUri").GetString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("ten")]
    public async Task List_refuses_a_bad_top(string top)
    {
        var response = await Api().ListAsync(Get("runs") with { Query = new Dictionary<string, string> { ["top"] = top } });

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("1 to 100", Json(response).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private static ApiRequest Post(string path, string json) =>
        new("POST", path, BaseUri) { Body = new MemoryStream(Encoding.UTF8.GetBytes(json)), ContentLength = Encoding.UTF8.GetByteCount(json) };

    private static ApiRequest Get(string path) => new("GET", path, BaseUri);

    private static JsonElement Json(ApiResponse response) => JsonDocument.Parse(response.BodyBytes()).RootElement;

    private async Task<(string Name, string ETag)> UploadAsync(string file, Dictionary<string, string>? metadata = null, string? content = null)
    {
        var container = _host.Blobs.GetBlobContainerClient(BlobNames.PairsContainer);
        await container.CreateIfNotExistsAsync();
        var name = _folder + "/" + file;
        var blob = container.GetBlobClient(name);
        var info = await blob.UploadAsync(
            BinaryData.FromString(content ?? "{\"text1\":\"a\",\"text2\":\"b\"}\n"),
            new BlobUploadOptions { Metadata = metadata });
        return (name, info.Value.ETag.ToString());
    }

    private async Task<OrchestrationMetadata> WaitForAsync(string id, Func<OrchestrationMetadata, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var instance = await _host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (instance is not null && done(instance))
            {
                return instance;
            }

            Assert.True(DateTime.UtcNow < deadline, $"run {id} did not get there in 30 s (now {instance?.RuntimeStatus})");
            await Task.Delay(100);
        }
    }
}
