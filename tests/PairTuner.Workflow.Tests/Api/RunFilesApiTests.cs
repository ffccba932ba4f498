using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using PairTuner.Contracts.Runs;
using PairTuner.Workflow.Api;
using PairTuner.Workflow.Runs;

namespace PairTuner.Workflow.Tests.Api;

/// <summary>The file routes' handlers on Azurite: uploads into pairs/, a run's files out of runs/ and models/.</summary>
public class RunFilesApiTests
{
    private static readonly Uri BaseUri = new("http://127.0.0.1:7071/api");

    [Fact]
    public async Task An_upload_lands_in_pairs_with_its_options_as_metadata_and_names_the_run_it_starts()
    {
        var blobs = await TestStorage.ConnectAsync();
        var name = $"files-api-{Guid.NewGuid():N}/tickets.jsonl";
        var content = "{\"text1\":\"a\",\"text2\":\"b\"}\n";
        var request = Put(name, content, new Dictionary<string, string> { ["epochs"] = "2", ["code"] = "function-key" });

        var response = await new RunFilesApi(blobs).UploadPairsAsync(request, name);

        Assert.Equal(201, response.StatusCode);
        var blob = blobs.GetBlobContainerClient("pairs").GetBlobClient(name);
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal("2", properties.Metadata["epochs"]);
        Assert.False(properties.Metadata.ContainsKey("code"));
        Assert.Equal(content, (await blob.DownloadContentAsync()).Value.Content.ToString());
        var body = JsonDocument.Parse(response.BodyBytes()).RootElement;
        Assert.Equal("pairs/" + name, body.GetProperty("input").GetString());
        Assert.Equal(RunIds.FromBlob(name, properties.ETag.ToString()), body.GetProperty("runId").GetString());
        await blob.DeleteAsync();
    }

    [Theory]
    [InlineData("../runs/x.jsonl", "name")]
    [InlineData("a//b.jsonl", "name")]
    public async Task A_name_outside_pairs_is_refused_naming_the_field(string name, string field)
    {
        var response = await new RunFilesApi(new BlobServiceClient("UseDevelopmentStorage=true")).UploadPairsAsync(Put(name, "x"), name);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(field, Details(response)[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Bad_and_unknown_options_are_refused_each_by_name_before_anything_is_uploaded()
    {
        var blobs = await TestStorage.ConnectAsync();
        var name = $"files-api-{Guid.NewGuid():N}.jsonl";
        var request = Put(name, "x", new Dictionary<string, string> { ["epochs"] = "many", ["colour"] = "red" });

        var response = await new RunFilesApi(blobs).UploadPairsAsync(request, name);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(["colour", "epochs"], Details(response).Select(d => d.GetProperty("field").GetString()).Order());
        Assert.False(await blobs.GetBlobContainerClient("pairs").GetBlobClient(name).ExistsAsync());
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused_and_leaves_no_blob_even_without_a_content_length()
    {
        var blobs = await TestStorage.ConnectAsync();
        var name = $"files-api-{Guid.NewGuid():N}.jsonl";
        var api = new RunFilesApi(blobs, new ApiLimits { MaxUploadBytes = 1024 });

        // No Content-Length (a chunked upload): the limit is found while streaming.
        var response = await api.UploadPairsAsync(new ApiRequest("PUT", "pairs/" + name, BaseUri) { Body = new MemoryStream(new byte[5000]) }, name);

        Assert.Equal(413, response.StatusCode);
        Assert.Contains("MaxUploadBytes", JsonDocument.Parse(response.BodyBytes()).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(await blobs.GetBlobContainerClient("pairs").GetBlobClient(name).ExistsAsync());
    }

    [Fact]
    public async Task A_runs_log_and_report_are_404_until_written_then_stream_as_stored()
    {
        var blobs = await TestStorage.ConnectAsync();
        var runId = "files-" + Guid.NewGuid().ToString("N")[..12];
        var api = new RunFilesApi(blobs);
        Assert.Equal(404, (await api.GetTrainingLogAsync(runId)).StatusCode);
        Assert.Equal(404, (await api.GetReportAsync(runId)).StatusCode);
        Assert.Equal(400, (await api.GetReportAsync("..")).StatusCode);

        var runs = blobs.GetBlobContainerClient("runs");
        await runs.CreateIfNotExistsAsync();
        await runs.GetBlobClient($"{runId}/training_log.jsonl").UploadAsync(BinaryData.FromString("{\"step\":1,\"loss\":0.5}\n"));
        await runs.GetBlobClient($"{runId}/report.html").UploadAsync(BinaryData.FromString("<html>report</html>"));

        Assert.Equal("{\"step\":1,\"loss\":0.5}\n", await ReadAsync(await api.GetTrainingLogAsync(runId)));
        var report = await api.GetReportAsync(runId);
        Assert.StartsWith("text/html", report.ContentType, StringComparison.Ordinal);
        Assert.Equal("<html>report</html>", await ReadAsync(report));
    }

    [Fact]
    public async Task The_model_folder_comes_as_a_zip_of_its_files()
    {
        var blobs = await TestStorage.ConnectAsync();
        var runId = "files-" + Guid.NewGuid().ToString("N")[..12];
        var api = new RunFilesApi(blobs);
        Assert.Equal(404, (await api.GetModelZipAsync(runId)).StatusCode);
        var models = blobs.GetBlobContainerClient("models");
        await models.CreateIfNotExistsAsync();
        await models.GetBlobClient($"{runId}/config.json").UploadAsync(BinaryData.FromString("{}"));
        await models.GetBlobClient($"{runId}/onnx/model.onnx").UploadAsync(BinaryData.FromBytes(new byte[300_000]));

        var response = await api.GetModelZipAsync(runId);
        using var output = new MemoryStream();
        await response.Content!(new WriteOnlyStream(output), CancellationToken.None);

        Assert.Equal("application/zip", response.ContentType);
        Assert.Contains($"{runId}-model.zip", response.Headers["Content-Disposition"], StringComparison.Ordinal);
        output.Position = 0;
        using var zip = new ZipArchive(output, ZipArchiveMode.Read);
        Assert.Equal(["config.json", "onnx/model.onnx"], zip.Entries.Select(e => e.FullName).Order());
        Assert.Equal(300_000, zip.GetEntry("onnx/model.onnx")!.Length);
    }

    private static ApiRequest Put(string name, string content, Dictionary<string, string>? query = null)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        return new ApiRequest("PUT", "pairs/" + name, BaseUri) { Body = new MemoryStream(bytes), ContentLength = bytes.Length, Query = query ?? [] };
    }

    private static List<JsonElement> Details(ApiResponse response) =>
        JsonDocument.Parse(response.BodyBytes()).RootElement.GetProperty("details").EnumerateArray().ToList();

    private static async Task<string> ReadAsync(ApiResponse response)
    {
        Assert.Equal(200, response.StatusCode);
        using var output = new MemoryStream();
        await response.Content!(output, CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
