using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Azure;
using PairTuner.Cli.Hosting;
using PairTuner.Workflow.Runs;
using PairTuner.Workflow.Storage;

namespace PairTuner.Cli.Commands;

/// <summary>
/// <c>pairtuner blob-event pairs/NAME</c>: posts the BlobCreated event Event Grid would send for
/// that blob to a running <c>func start</c>, at the blob extension's webhook for the
/// <c>PairsUploadedEventGrid</c> function. Locally there is no Event Grid (Azurite has none), so
/// this is how the trigger Azure runs gets exercised on a developer machine. Exit 0 when the host
/// accepted the event, 1 otherwise.
/// </summary>
internal static class BlobEventCommand
{
    /// <summary>The Event Grid blob trigger of src/PairTuner.Functions (Triggers/PairsUploaded.cs).</summary>
    public const string EventGridFunction = "PairsUploadedEventGrid";

    public static Command Create()
    {
        var blob = new Argument<string>("BLOB") { Description = "The uploaded pairs file, as pairs/NAME (e.g. pairs/tickets.jsonl)." };
        var functionsUrl = new Option<string>("--functions-url")
        {
            Description = "The Functions host `func start` runs (its default port is 7071).",
            DefaultValueFactory = _ => "http://localhost:7071/",
        };
        var code = new Option<string?>("--code") { Description = "The blobs_extension system key; Core Tools does not ask for one locally." };
        var command = new Command("blob-event", "Sends the Event Grid BlobCreated event of a pairs/ blob to a local `func start` (PairsUploadedEventGrid).")
        {
            blob, functionsUrl, code,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(blob)!, parseResult.GetValue(functionsUrl)!, parseResult.GetValue(code),
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string input, string host, string? code, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(host.EndsWith('/') ? host : host + "/", UriKind.Absolute, out var functionsUrl) || functionsUrl.Scheme is not ("http" or "https"))
        {
            error.WriteLine($"pairtuner blob-event: --functions-url '{host}' is not an http(s) address such as http://localhost:7071.");
            return 1;
        }

        if (BlobNames.ParsePairsInput(input, out var problem) is not { } name)
        {
            error.WriteLine($"pairtuner blob-event: {problem}.");
            return 1;
        }

        var settings = StorageSettings.FromEnvironment();
        var blob = BlobArtifactStore.FromSettings(settings).Service.GetBlobContainerClient(BlobNames.PairsContainer).GetBlobClient(name);
        Azure.Storage.Blobs.Models.BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            error.WriteLine($"pairtuner blob-event: {input} does not exist in {blob.Uri.GetLeftPart(UriPartial.Authority)}{BlobNames.PairsContainer}: upload it first (Event Grid reports blobs that were written).");
            return 1;
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException)
        {
            error.WriteLine($"pairtuner blob-event: could not read {input} from {settings.BlobServiceUri?.ToString() ?? "PAIRTUNER_STORAGE"}: {e.Message.Split('\n')[0]}");
            return 1;
        }

        var webhook = new Uri(functionsUrl, $"runtime/webhooks/blobs?functionName=Host.Functions.{EventGridFunction}"
            + (string.IsNullOrEmpty(code) ? "" : "&code=" + Uri.EscapeDataString(code)));
        var events = BlobCreatedEvent.For(blob, properties, DateTimeOffset.UtcNow);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook)
        {
            Content = new StringContent(events.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(BlobCreatedEvent.EventTypeHeader, BlobCreatedEvent.Notification);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var shown = new Uri(functionsUrl, $"runtime/webhooks/blobs?functionName=Host.Functions.{EventGridFunction}");
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                output.WriteLine($"{shown} accepted the BlobCreated event for {input} ({(int)response.StatusCode}); the run starts as it would from Event Grid.");
                return 0;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var hint = response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest
                ? $" Is {EventGridFunction} enabled (AzureWebJobs.{EventGridFunction}.Disabled = false in local.settings.json)?"
                : "";
            error.WriteLine($"pairtuner blob-event: {shown} answered {(int)response.StatusCode} {response.ReasonPhrase}.{hint} {body.Trim()}".TrimEnd());
            return 1;
        }
        catch (HttpRequestException e)
        {
            error.WriteLine($"pairtuner blob-event: nothing answers at {functionsUrl} ({e.Message}). Start the Functions host first: `func start` in src/PairTuner.Functions.");
            return 1;
        }
    }
}
