using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PairTuner.Cli.Hosting;
using PairTuner.Tests;

namespace PairTuner.Cli.Tests.Hosting;

/// <summary>
/// The dashboard in headless Chromium against a live <c>serve</c> (Azurite, the real trainer on the
/// tiny model): a pairs file dropped on the page (over the DevTools protocol) starts a run, a bad option first shows its error by its field, the page's scripts show
/// it in the list and, once done, its metrics and links; the report link answers. Screenshots of
/// the list and of the finished run go to the test output (dashboard-*.png); with
/// PAIRTUNER_KEEP_DASHBOARD_SCREENSHOT set, the run's one is copied there (the README's image).
/// </summary>
public sealed class DashboardBrowserTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task The_page_shows_an_uploaded_run_finish_with_metrics_and_links()
    {
        var hub = TestStorage.NewTaskHub();
        await using var session = await EndToEnd.StartAsync(hub);
        // The page names the upload after the dropped file; the watcher looks at this test's names only.
        await using var serve = await ServeHost.StartAsync(session, port: 0, watchInterval: TimeSpan.FromMilliseconds(200), watchPrefix: $"{hub}-");
        var model = await TinyModel.UploadAsync(session.Hub.Store, $"tiny-{hub}");
        using var http = new HttpClient { BaseAddress = new Uri(serve.Api.BaseUri + "/") };
        var root = serve.Api.BaseUri.GetLeftPart(UriPartial.Authority) + "/";
        using var patience = new CancellationTokenSource(Patience);
        string runId;
        await using (var page = await DevToolsPage.OpenAsync(root, patience.Token))
        {
            // The target may still show about:blank before the dashboard has loaded.
            while (!(await page.EvaluateAsync("document.readyState === 'complete' && document.getElementById('upload') !== null", patience.Token)).GetBoolean())
            {
                await Task.Delay(100, patience.Token);
            }

            // Drop the file on the page as a person would, set options, click; a bad option first.
            var pairs = await File.ReadAllTextAsync(EndToEnd.SamplePath, patience.Token);
            await page.EvaluateAsync(
                $$"""
                (() => {
                  const files = new DataTransfer();
                  files.items.add(new File([{{JsonSerializer.Serialize(pairs)}}], '{{hub}}-dashboard.jsonl'));
                  document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true }));
                  document.querySelector('input[name=model]').value = {{JsonSerializer.Serialize(model)}};
                  document.querySelector('input[name=epochs]').value = 'many';
                  document.getElementById('upload').click();
                })()
                """,
                patience.Token);
            string epochsError;
            while ((epochsError = (await page.EvaluateAsync("document.querySelector('.error[data-for=epochs]').textContent", patience.Token)).GetString()!) == string.Empty)
            {
                await Task.Delay(100, patience.Token);
            }

            Assert.Contains("integer", epochsError, StringComparison.Ordinal);
            await page.EvaluateAsync("document.querySelector('input[name=epochs]').value = '1'; document.getElementById('upload').click();", patience.Token);
            string message;
            while (!(message = (await page.EvaluateAsync("document.getElementById('message').textContent", patience.Token)).GetString()!).StartsWith("Started run ", StringComparison.Ordinal))
            {
                await Task.Delay(100, patience.Token);
            }

            runId = message["Started run ".Length..];
        }

        var output = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(output);
        using (var wait = new CancellationTokenSource(Patience))
        {
            // The watcher starts the run within its interval; the list shows it from then on.
            while (!(await http.GetStringAsync("runs", wait.Token)).Contains(runId, StringComparison.Ordinal))
            {
                await Task.Delay(200, wait.Token);
            }
        }

        var list = HeadlessChromium.DumpDom(root, scriptMilliseconds: 5000);
        Assert.Contains($"data-id=\"{runId}\"", list, StringComparison.Ordinal);
        HeadlessChromium.Screenshot(root, Path.Combine(output, "dashboard-list.png"), 1200, 800, scriptMilliseconds: 5000);

        using (var wait = new CancellationTokenSource(Patience))
        {
            while ((await http.GetFromJsonAsync<JsonElement>($"runs/{runId}", wait.Token)).GetProperty("status").GetString() is "pending" or "running")
            {
                await Task.Delay(500, wait.Token);
            }
        }

        var finished = HeadlessChromium.DumpDom($"{root}#run={runId}", scriptMilliseconds: 8000);
        Assert.Contains("status-completed", finished, StringComparison.Ordinal);
        Assert.Contains("id=\"link-report\"", finished, StringComparison.Ordinal);
        Assert.Contains("<polyline", finished, StringComparison.Ordinal);
        Assert.Matches("<tbody id=\"metrics\"><tr><td>", finished);
        var shot = Path.Combine(output, "dashboard-run.png");
        HeadlessChromium.Screenshot($"{root}#run={runId}", shot, 1200, 1000, scriptMilliseconds: 8000);
        if (Environment.GetEnvironmentVariable("PAIRTUNER_KEEP_DASHBOARD_SCREENSHOT") is { Length: > 0 } keep)
        {
            File.Copy(shot, keep, overwrite: true);
        }

        // The report link the page shows answers with the run's report.html.
        using var report = await http.GetAsync($"runs/{runId}/report");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
    }
}
