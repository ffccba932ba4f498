using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PairTuner.Cli.Commands;
using PairTuner.Cli.Tests.Hosting;
using PairTuner.Workflow.Storage;

namespace PairTuner.Cli.Tests.Commands;

/// <summary>`pairtuner blob-event` against a blob in Azurite and a loopback listener in place of `func start`.</summary>
public class BlobEventCommandTests
{
    [Fact]
    public async Task Posts_an_event_grid_BlobCreated_notification_for_the_blob_to_the_event_grid_trigger()
    {
        var settings = await TestStorage.RequireAsync();
        var name = $"blob-event-{Guid.NewGuid():N}.jsonl";
        var container = BlobArtifactStore.FromSettings(settings).Service.GetBlobContainerClient("pairs");
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient(name);
        await blob.UploadAsync(new BinaryData(Encoding.UTF8.GetBytes("{\"text1\":\"a\",\"text2\":\"b\"}\n")));
        var properties = (await blob.GetPropertiesAsync()).Value;
        await using var host = new LoopbackWebhook(HttpStatusCode.Accepted);

        var (exit, output, error) = await CliRunner.RunAsync(BlobEventCommand.Create(), "blob-event", "pairs/" + name, "--functions-url", host.BaseUri.ToString());

        Assert.True(exit == 0, error);
        Assert.Contains("accepted", output);
        var (method, url, headers, body) = Assert.Single(host.Requests);
        Assert.Equal("POST", method);
        Assert.Equal("/runtime/webhooks/blobs", url.AbsolutePath);
        Assert.Equal("?functionName=Host.Functions.PairsUploadedEventGrid", url.Query);
        Assert.Equal("Notification", headers["aeg-event-type"]);
        Assert.StartsWith("application/json", headers["Content-Type"]);

        var batch = JsonNode.Parse(body)!.AsArray();
        var notification = Assert.Single(batch)!;
        Assert.Equal("Microsoft.Storage.BlobCreated", (string?)notification["eventType"]);
        Assert.Equal($"/blobServices/default/containers/pairs/blobs/{name}", (string?)notification["subject"]);
        Assert.True(Guid.TryParse((string?)notification["id"], out _));
        Assert.True(DateTimeOffset.TryParse((string?)notification["eventTime"], out _));
        Assert.Equal("1", (string?)notification["metadataVersion"]);
        var data = notification["data"]!;
        Assert.Equal(blob.Uri.ToString(), (string?)data["url"]);
        Assert.Equal(properties.ETag.ToString(), (string?)data["eTag"]);
        Assert.Equal(properties.ContentLength, (long)data["contentLength"]!);
        Assert.Equal("BlockBlob", (string?)data["blobType"]);
        Assert.Equal("PutBlob", (string?)data["api"]);
    }

    [Fact]
    public async Task A_blob_that_does_not_exist_is_named_and_nothing_is_posted()
    {
        await TestStorage.RequireAsync();
        await using var host = new LoopbackWebhook(HttpStatusCode.Accepted);

        var (exit, _, error) = await CliRunner.RunAsync(BlobEventCommand.Create(), "blob-event", "pairs/never-uploaded-7f3.jsonl", "--functions-url", host.BaseUri.ToString());

        Assert.Equal(1, exit);
        Assert.Contains("pairs/never-uploaded-7f3.jsonl does not exist", error);
        Assert.Empty(host.Requests);
    }

    [Fact]
    public async Task A_host_that_refuses_the_event_is_reported_with_the_setting_to_check()
    {
        var settings = await TestStorage.RequireAsync();
        var name = $"blob-event-{Guid.NewGuid():N}.jsonl";
        var container = BlobArtifactStore.FromSettings(settings).Service.GetBlobContainerClient("pairs");
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient(name);
        await blob.UploadAsync(new BinaryData("{}\n"u8.ToArray()));
        await using var host = new LoopbackWebhook(HttpStatusCode.NotFound);

        var (exit, _, error) = await CliRunner.RunAsync(BlobEventCommand.Create(), "blob-event", "pairs/" + name, "--functions-url", host.BaseUri.ToString());

        Assert.Equal(1, exit);
        Assert.Contains("404", error);
        Assert.Contains("AzureWebJobs.PairsUploadedEventGrid.Disabled", error);
    }

    [Fact]
    public async Task A_name_outside_pairs_is_refused_before_anything_is_read()
    {
        var (exit, _, error) = await CliRunner.RunAsync(BlobEventCommand.Create(), "blob-event", "runs/x.jsonl");

        Assert.Equal(1, exit);
        Assert.Contains("pairs/", error);
    }
}
