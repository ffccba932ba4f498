using System.Text.RegularExpressions;
using PairTuner.Training.Evaluation;
using PairTuner.Training.Reporting;
using PairTuner.Tests;

namespace PairTuner.Training.Tests.Reporting;

public sealed partial class ReportHtmlWriterTests
{
    [Fact]
    public void The_page_is_self_contained()
    {
        var html = ReportHtmlWriter.Render(ReportSamples.Report(), ReportSamples.Log());

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(SourceAttribute(), html);

        // The only URL on the page is the SVG namespace, which is a name, not a fetch.
        var urls = UrlPattern().Matches(html).Select(static m => m.Value).Distinct().ToArray();
        Assert.Equal(["http://www.w3.org/2000/svg"], urls);
    }

    [Fact]
    public void The_page_shows_both_charts_every_metric_and_escapes_text()
    {
        var report = ReportSamples.Report();
        var html = ReportHtmlWriter.Render(report, ReportSamples.Log());

        Assert.Equal(3, Regex.Count(html, "<svg "));
        Assert.Contains("Training loss", html);
        Assert.Contains("Base vs tuned", html);
        foreach (var name in report.Tuned.Keys)
        {
            Assert.Contains(name, html);
        }

        Assert.Contains("+0.0700", html);
        Assert.Contains("stsb-&lt;demo&gt;", html);
        Assert.DoesNotContain("stsb-<demo>", html);

        // The loss polyline has one point per logged step.
        var polyline = Regex.Match(html, "<polyline[^>]*stroke=\"#c9d3e6\" points=\"([^\"]*)\"").Groups[1].Value;
        Assert.Equal(76, polyline.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Synthetic_labels_put_a_warning_on_the_page()
    {
        var gold = ReportHtmlWriter.Render(ReportSamples.Report(), ReportSamples.Log());
        var synthetic = ReportHtmlWriter.Render(ReportSamples.Report(LabelSource.Synthetic), ReportSamples.Log());

        Assert.DoesNotContain("labels: synthetic", gold);
        Assert.Contains("labels: synthetic", synthetic);
    }

    [Fact]
    public void A_long_run_is_downsampled_and_an_empty_log_still_renders()
    {
        var entries = Enumerable.Range(1, 100_000)
            .Select(static s => new TrainingLogEntry { Step = s, Epoch = 0, Loss = 1.0 / s, LearningRate = 1e-5 })
            .ToArray();

        var html = ReportHtmlWriter.Render(ReportSamples.Report(), entries);
        var empty = ReportHtmlWriter.Render(ReportSamples.Report(), []);

        Assert.True(html.Length < 400_000, $"the page is {html.Length} characters");
        Assert.Contains("no data", empty);
    }

    [Fact]
    public void Headless_chromium_renders_the_page_with_charts()
    {
        var folder = Directory.CreateTempSubdirectory("pairtuner-report-").FullName;
        try
        {
            var htmlPath = Path.Combine(folder, "report.html");
            var pngPath = Path.Combine(folder, "report.png");
            using (var writer = new StreamWriter(htmlPath))
            {
                ReportHtmlWriter.Write(ReportSamples.Report(), ReportSamples.Log(), writer);
            }

            HeadlessChromium.Screenshot(htmlPath, pngPath, 1200, 1600);
            var keep = Environment.GetEnvironmentVariable("PAIRTUNER_KEEP_SCREENSHOT");
            if (!string.IsNullOrEmpty(keep))
            {
                File.Copy(pngPath, keep, overwrite: true);
            }

            var image = PngImage.Read(pngPath);
            Assert.Equal(1200, image.Width);
            Assert.Equal(1600, image.Height);

            // A blank or unstyled page has a handful of colours; anti-aliased text, the orange and
            // blue bars and the loss curves give hundreds.
            Assert.True(image.DistinctColors() > 200, $"only {image.DistinctColors()} distinct colours: the page looks blank");
            Assert.True(image.NonBackgroundFraction() > 0.2, $"only {image.NonBackgroundFraction():P1} of the pixels differ from the background");
            Assert.True(ContainsColor(image, 0xe8, 0x74, 0x3b), "the tuned bars' orange is not on the screenshot");
            Assert.True(ContainsColor(image, 0x2f, 0x5d, 0x9e), "the smoothed loss curve's blue is not on the screenshot");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_verdict_leads_the_page_and_the_kept_evaluation_and_examples_follow()
    {
        var html = ReportHtmlWriter.Render(ReportSamples.ReportWithVerdict(), ReportSamples.Log());

        var verdict = html.IndexOf("id=\"verdict\"", StringComparison.Ordinal);
        Assert.True(verdict > 0 && verdict < html.IndexOf("class=\"cards\"", StringComparison.Ordinal), "the verdict comes before the metric cards");
        Assert.Contains("<div class=\"verdict-text\">improved</div>", html);
        Assert.Contains("95% CI +0.0410 to +0.0990", html);
        Assert.Contains("298 eval queries", html);
        Assert.Contains("<td>38</td><td>1</td><td>0.7300</td><td>300</td><td><b>kept</b></td>", html);
        Assert.Contains("14 &rarr; 1", html);
        Assert.Contains("A &lt;b&gt;bold&lt;/b&gt; distractor.", html);
        Assert.Contains("Recipe: default.", html);
    }

    [Fact]
    public void Headless_chromium_renders_the_verdict_the_selection_curve_and_the_examples()
    {
        var folder = Directory.CreateTempSubdirectory("pairtuner-report-").FullName;
        try
        {
            var htmlPath = Path.Combine(folder, "report.html");
            var pngPath = Path.Combine(folder, "report.png");
            File.WriteAllText(htmlPath, ReportHtmlWriter.Render(ReportSamples.ReportWithVerdict(), ReportSamples.Log()));

            HeadlessChromium.Screenshot(htmlPath, pngPath, 1200, 5000);
            var image = PngImage.Read(pngPath);

            Assert.True(ContainsColor(image, 0xee, 0xf8, 0xf0), "the improved verdict's green panel is not on the screenshot");
            Assert.True(ContainsColor(image, 0x8e, 0x44, 0xad), "the selection curve's purple is not on the screenshot");
            Assert.True(ContainsColor(image, 0x15, 0x7a, 0x6e), "the risen ranks' teal is not on the screenshot");
            Assert.True(ContainsColor(image, 0xa3, 0x47, 0x1b), "the fallen ranks' rust is not on the screenshot");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static bool ContainsColor(PngImage image, byte r, byte g, byte b)
    {
        for (var i = 0; i < image.Pixels.Length; i += image.Channels)
        {
            if (image.Pixels[i] == r && image.Pixels[i + 1] == g && image.Pixels[i + 2] == b)
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex("\\s(src|href)\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex SourceAttribute();

    [GeneratedRegex("https?://[^\"'\\s<>)]+")]
    private static partial Regex UrlPattern();
}
