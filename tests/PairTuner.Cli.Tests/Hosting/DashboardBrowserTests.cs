using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PairTuner.Tests;

namespace PairTuner.Cli.Tests.Hosting;

/// <summary>
/// The dashboard in headless Chromium against a live <c>serve</c> (Azurite, the real trainer on the
/// tiny model), driven over the DevTools protocol as a person uses it: a pairs file dropped on the
/// page starts a run (a bad option first shows its error by its field), the list shows it, the run
/// view shows its training step advance, and either its end (verdict, metrics, loss curve, links;
/// the report link answers) or its cancellation by the Cancel button. Every wait polls the page's
/// DOM, which refreshes itself, until a condition holds, within a generous deadline. Screenshots
/// of the list and of the finished run go to the test output (dashboard-*.png); with
/// PAIRTUNER_KEEP_DASHBOARD_SCREENSHOT set, the run's one is copied there (the README's image).
/// </summary>
public sealed class DashboardBrowserTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task The_page_shows_an_uploaded_run_finish_with_its_verdict_metrics_and_links()
    {
        await using var dashboard = await DashboardSession.OpenAsync(Patience);
        var (hub, model, http, root, page, token) = (dashboard.Hub, dashboard.Model, dashboard.Http, dashboard.Root, dashboard.Page, dashboard.Token);

        // Drop the file on the page as a person would, set options, click; a bad option first.
        await DropAndStartAsync(page, $"{hub}-dashboard.jsonl", model, epochs: "many", token);
        var epochsError = (await page.WaitForAsync("document.querySelector('.error[data-for=epochs]').textContent", token)).GetString()!;
        Assert.Contains("integer", epochsError, StringComparison.Ordinal);
        await page.EvaluateAsync("document.querySelector('input[name=epochs]').value = '1'; document.getElementById('upload').click();", token);
        var runId = await StartedRunAsync(page, token);

        // The watcher starts the run within its interval; the page's list shows it from then on.
        await page.WaitForAsync($"{Row(runId)} !== null", token);
        var output = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(output);
        HeadlessChromium.Screenshot(root, Path.Combine(output, "dashboard-list.png"), 1200, 800, scriptMilliseconds: 5000);

        var view = await WaitUntilEndedAsync(http, runId, token);
        Assert.Equal("completed", view.GetProperty("status").GetString());

        // The verdict as GET /api/runs/{id} has it (summary.json's), then as the page shows it.
        var verdict = view.GetProperty("verdict");
        var text = verdict.GetProperty("text").GetString()!;
        Assert.Contains(text, (string[])["improved", "no measurable change", "worse than base (base kept)"]);
        var outcome = verdict.GetProperty("outcome").GetString()!;
        var metric = verdict.GetProperty("metric").GetString()!;
        var units = verdict.GetProperty("units").GetInt32();
        var unitName = verdict.GetProperty("unitName").GetString()!;
        var interval = $"95% CI {Signed(verdict.GetProperty("interval").GetProperty("low").GetDouble())} to {Signed(verdict.GetProperty("interval").GetProperty("high").GetDouble())}";
        var change = Signed(verdict.GetProperty("change").GetDouble());
        Assert.Equal("queries", unitName);
        Assert.True(units > 0, $"the verdict rests on {units} eval queries");

        var cell = (await page.WaitForAsync($"{Row(runId)}.querySelector('td.verdict')?.textContent", token)).GetString()!;
        Assert.StartsWith($"{text}: {metric} {change} ({interval}), {units} queries", cell, StringComparison.Ordinal);
        Assert.Equal("verdict verdict-" + outcome, (await page.EvaluateAsync($"{Row(runId)}.querySelector('td.verdict').className", token)).GetString());

        // The page opened the run it started: its view leads with the verdict.
        Assert.Equal("Verdict: " + text, (await page.WaitForAsync("document.getElementById('verdict-text').textContent", token)).GetString());
        Assert.Equal("verdict-" + outcome, (await page.EvaluateAsync("document.getElementById('verdict-text').className", token)).GetString());
        var detail = (await page.EvaluateAsync("document.getElementById('verdict-detail').textContent", token)).GetString()!;
        Assert.StartsWith($"{metric} {verdict.GetProperty("base").GetDouble().ToString("0.0000", CultureInfo.InvariantCulture)} \u2192 ", detail, StringComparison.Ordinal);
        Assert.EndsWith($"({change}, {interval}) on {units} eval queries", detail, StringComparison.Ordinal);
        if (verdict.GetProperty("baseKept").GetBoolean())
        {
            Assert.Contains("The base model was kept", (await page.EvaluateAsync("document.getElementById('verdict-notes').textContent", token)).GetString(), StringComparison.Ordinal);
        }

        // Then the metrics, the loss curve and the links, once the page has drawn them.
        await page.WaitForAsync("document.getElementById('link-report') !== null && document.querySelector('#loss polyline') !== null", token);
        Assert.Equal("completed", (await page.EvaluateAsync($"{Row(runId)}.querySelector('.status-completed')?.textContent", token)).GetString());
        var metricNames = (await page.EvaluateAsync("[...document.querySelectorAll('#metrics tr td:first-child')].map(td => td.textContent)", token))
            .EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Contains(metric, metricNames);
        Assert.True((await page.EvaluateAsync("document.getElementById('cancel').hidden", token)).GetBoolean(), "a finished run offers no Cancel");

        var shot = Path.Combine(output, "dashboard-run.png");
        HeadlessChromium.Screenshot($"{root}#run={runId}", shot, 1200, 1000, scriptMilliseconds: 8000);
        if (Environment.GetEnvironmentVariable("PAIRTUNER_KEEP_DASHBOARD_SCREENSHOT") is { Length: > 0 } keep)
        {
            File.Copy(shot, keep, overwrite: true);
        }

        // The report link the page shows answers with the run's report.html.
        var reportLink = (await page.EvaluateAsync("document.getElementById('link-report').href", token)).GetString()!;
        using var report = await http.GetAsync(reportLink, token);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_page_shows_a_run_progress_and_its_cancel_button_stops_it()
    {
        await using var dashboard = await DashboardSession.OpenAsync(Patience);
        var (hub, model, http, page, token) = (dashboard.Hub, dashboard.Model, dashboard.Http, dashboard.Page, dashboard.Token);

        // A thousand epochs: the run trains until it is cancelled.
        await DropAndStartAsync(page, $"{hub}-cancel.jsonl", model, epochs: "1000", token);
        var runId = await StartedRunAsync(page, token);

        // Progress: the run view shows the training step, and a later refresh a later one.
        const string StepNow = "(document.getElementById('run-state').textContent.match(/step (\\d+)\\//) || [])[1]";
        var first = int.Parse((await page.WaitForAsync(StepNow, token)).GetString()!, CultureInfo.InvariantCulture);
        var state = (await page.WaitForAsync($"(() => {{ const s = {StepNow}; return s !== undefined && Number(s) > {first} ? document.getElementById('run-state').textContent : null; }})()", token)).GetString()!;
        Assert.StartsWith("running (training): epoch ", state, StringComparison.Ordinal);
        Assert.StartsWith("epoch ", (await page.WaitForAsync($"{Row(runId)}.children[4].textContent", token)).GetString(), StringComparison.Ordinal);

        // Cancel as a person does; the run view and the list then say cancelled.
        await page.WaitForAsync("!document.getElementById('cancel').hidden", token);
        await page.EvaluateAsync("document.getElementById('cancel').click()", token);
        await page.WaitForAsync("document.getElementById('run-state').textContent.startsWith('cancelled')", token);
        Assert.Equal("cancelled", (await page.WaitForAsync($"{Row(runId)}.querySelector('.status-cancelled')?.textContent", token)).GetString());
        Assert.True((await page.EvaluateAsync("document.getElementById('cancel').hidden", token)).GetBoolean(), "a cancelled run offers no Cancel");
        Assert.True((await page.EvaluateAsync("document.getElementById('verdict').hidden", token)).GetBoolean(), "a cancelled run has no verdict");

        // The API says so too: the run ended with a cancelled summary and no model.
        var view = await WaitUntilEndedAsync(http, runId, token);
        Assert.Equal("completed", view.GetProperty("status").GetString());
        Assert.Equal("cancelled", view.GetProperty("summary").GetProperty("status").GetString());
        Assert.False(view.TryGetProperty("outputs", out var outputs) && outputs.ValueKind != JsonValueKind.Null, "a cancelled run has no outputs");
    }

    /// <summary>The list's row of a run, as a script expression.</summary>
    private static string Row(string runId) => $"document.querySelector('tr.run[data-id=\"{runId}\"]')";

    /// <summary>A number as the page writes a change: its sign, then four decimals.</summary>
    private static string Signed(double x) => (x > 0 ? "+" : x < 0 ? "-" : string.Empty) + Math.Abs(x).ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>Drops the sample on the page as <paramref name="fileName"/>, fills model and epochs, and clicks Upload.</summary>
    private static async Task DropAndStartAsync(DevToolsPage page, string fileName, string model, string epochs, CancellationToken token)
    {
        var pairs = await File.ReadAllTextAsync(EndToEnd.SamplePath, token);
        await page.EvaluateAsync(
            $$"""
            (() => {
              const files = new DataTransfer();
              files.items.add(new File([{{JsonSerializer.Serialize(pairs)}}], {{JsonSerializer.Serialize(fileName)}}));
              document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true }));
              document.querySelector('input[name=model]').value = {{JsonSerializer.Serialize(model)}};
              document.querySelector('input[name=epochs]').value = {{JsonSerializer.Serialize(epochs)}};
              document.getElementById('upload').click();
            })()
            """,
            token);
    }

    /// <summary>The run id the page says it started ("Started run {id}").</summary>
    private static async Task<string> StartedRunAsync(DevToolsPage page, CancellationToken token)
    {
        var message = (await page.WaitForAsync(
            "(t => t.startsWith('Started run ') ? t : null)(document.getElementById('message').textContent)", token)).GetString()!;
        return message["Started run ".Length..];
    }

    private static async Task<JsonElement> WaitUntilEndedAsync(HttpClient http, string runId, CancellationToken token)
    {
        while (true)
        {
            var view = await http.GetFromJsonAsync<JsonElement>($"runs/{runId}", token);
            if (view.GetProperty("status").GetString() is not ("pending" or "running"))
            {
                return view;
            }

            await Task.Delay(500, token);
        }
    }
}
