using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Testing;
using PairTuner.Cli.Hosting;
using PairTuner.Workflow.Api;
using PairTuner.Workflow.Runs;

namespace PairTuner.Cli.Tests.Hosting;

/// <summary>
/// <c>pairtuner serve</c>'s routing over real HTTP: Kestrel and ASP.NET Core routing in front of the
/// handlers, with a real Durable client (the in-process test host) that holds no runs.
/// </summary>
public sealed class ApiServerTests : IAsyncLifetime
{
    private DurableTaskTestHost? _durable;
    private ApiServer? _server;

    public async Task InitializeAsync()
    {
        _durable = await DurableTaskTestHost.StartAsync(_ => { });
        // The file routes read and write Azurite, as in CI; no run is ever started here (no watcher).
        var blobs = new BlobServiceClient("UseDevelopmentStorage=true");
        var starter = new PairsRunStarter(_durable.Client, blobs);
        _server = await ApiServer.StartAsync(new RunsApi(_durable.Client, starter), new RunFilesApi(blobs), port: 0);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_durable is not null)
        {
            await _durable.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("GET", "runs/no-such-run", 404)]
    [InlineData("GET", "runs/..%2Fpairs", 400)]
    [InlineData("GET", "runs/Bad_Id", 400)]
    [InlineData("POST", "runs/no-such-run/cancel", 404)]
    [InlineData("GET", "runs/no-such-run/cancel", 405)]
    [InlineData("PUT", "runs", 405)]
    [InlineData("PATCH", "runs/abc", 405)]
    [InlineData("GET", "models", 404)]
    [InlineData("GET", "runs/abc/cancel/more", 404)]
    [InlineData("DELETE", "runs/no-such-run", 404)]
    [InlineData("POST", "runs/no-such-run/raiseEvent/Cancel", 404)]
    [InlineData("POST", "runs/no-such-run/raiseEvent/no_such", 400)]
    [InlineData("GET", "runs/no-such-run/log", 404)]
    [InlineData("GET", "runs/no-such-run/report", 404)]
    [InlineData("GET", "runs/no-such-run/eval", 404)]
    [InlineData("GET", "runs/no-such-run/model.zip", 404)]
    [InlineData("GET", "runs/Bad_Id/log", 400)]
    [InlineData("PUT", "pairs/tickets.jsonl?epochs=many", 400)]
    [InlineData("GET", "pairs/tickets.jsonl", 405)]
    public async Task Routes_answer_with_the_right_status_and_an_error(string method, string path, int status)
    {
        using var response = await SendAsync(new HttpMethod(method), path);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));
    }

    [Theory]
    [InlineData("PUT", "runs", "GET, POST")]
    [InlineData("PATCH", "runs/abc", "GET, DELETE")]
    [InlineData("GET", "runs/abc/cancel", "POST")]
    public async Task A_wrong_method_names_the_allowed_ones(string method, string path, string allowed)
    {
        using var response = await SendAsync(new HttpMethod(method), path);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allowed.Split(", ").Order(), response.Content.Headers.Allow.Order());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(allowed.Split(", ")[0], body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_body_is_refused_by_the_same_handler_the_functions_app_calls()
    {
        using var response = await SendAsync(HttpMethod.Post, "runs", new StringContent("{ \"pairs\": 3 }"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("The request is not a run", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/dashboard")]
    public async Task The_dashboard_is_served_whole_from_the_repository_with_no_outside_script(string path)
    {
        using var http = new HttpClient { BaseAddress = _server!.BaseUri };
        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>PairTuner runs</title>", page, StringComparison.Ordinal);
        Assert.Contains("</html>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", page, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pairs_file_streams_up_and_the_answer_names_its_run()
    {
        var name = $"api-server-{Guid.NewGuid():N}.jsonl";

        // A stream of unknown length goes chunked, as a browser's or curl's upload of a big file may.
        using var content = new StreamContent(new NonSeekable("{\"text1\":\"a\",\"text2\":\"b\"}\n"u8.ToArray()));
        using var response = await SendAsync(HttpMethod.Put, "pairs/" + name + "?epochs=2", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pairs/" + name, body.GetProperty("input").GetString());
        Assert.EndsWith("/api/runs/" + body.GetProperty("runId").GetString(), response.Headers.Location!.ToString(), StringComparison.Ordinal);
        await new BlobServiceClient("UseDevelopmentStorage=true").GetBlobContainerClient("pairs").GetBlobClient(name).DeleteAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_server!.BaseUri + "/") };
        using var request = new HttpRequestMessage(method, path) { Content = content };
        return await http.SendAsync(request);
    }
}
