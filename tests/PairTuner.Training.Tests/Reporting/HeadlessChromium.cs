using System.Diagnostics;

namespace PairTuner.Training.Tests.Reporting;

/// <summary>Runs the Debian <c>chromium</c> package headless to screenshot a page.</summary>
internal static class HeadlessChromium
{
    public static string Locate()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var name in new[] { "chromium", "chromium-browser" })
        {
            foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException(
            "Headless Chromium is needed to prove report.html renders, and no 'chromium' is on PATH. "
            + "Install it with: apt-get update && apt-get install -y chromium (CI does this in .ci/checks.d/00-install-chromium.sh).");
    }

    public static void Screenshot(string htmlPath, string pngPath, int width, int height)
    {
        var profile = Directory.CreateTempSubdirectory("pairtuner-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(Locate())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--hide-scrollbars", $"--user-data-dir={profile}", $"--screenshot={pngPath}",
                         $"--window-size={width},{height}", new Uri(htmlPath).AbsoluteUri,
                     })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start.");
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish the screenshot in 120 s. {stderr.Result}");
            }

            if (process.ExitCode != 0 || !File.Exists(pngPath))
            {
                throw new InvalidOperationException($"chromium exited {process.ExitCode} without {pngPath}: {stderr.Result}");
            }
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
