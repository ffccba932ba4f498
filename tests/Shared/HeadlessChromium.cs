using System.Diagnostics;

namespace PairTuner.Tests;

/// <summary>
/// Runs the Debian <c>chromium</c> package headless on a page (a file or a live URL): a screenshot,
/// or the DOM after the page's scripts ran. Shared by report.html's and the dashboard's tests.
/// </summary>
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
            "Headless Chromium is needed to prove report.html and the dashboard render, and no 'chromium' is on PATH. "
            + "Install it with: apt-get update && apt-get install -y chromium (CI does this in .ci/checks.d/00-install-chromium.sh).");
    }

    /// <param name="page">A file path or an http URL.</param>
    /// <param name="scriptMilliseconds">Virtual time the page's scripts get (their fetches finish within it) before the shot.</param>
    public static void Screenshot(string page, string pngPath, int width, int height, int scriptMilliseconds = 0)
    {
        Run(page, [$"--screenshot={pngPath}", $"--window-size={width},{height}"], scriptMilliseconds);
        if (!File.Exists(pngPath))
        {
            throw new InvalidOperationException($"chromium exited without {pngPath}.");
        }
    }

    /// <summary>The page's DOM as HTML after its scripts ran for <paramref name="scriptMilliseconds"/> of virtual time.</summary>
    public static string DumpDom(string page, int scriptMilliseconds) => Run(page, ["--dump-dom"], scriptMilliseconds);

    private static string Run(string page, string[] action, int scriptMilliseconds)
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
            var arguments = new List<string>
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", $"--user-data-dir={profile}",
            };
            if (scriptMilliseconds > 0)
            {
                arguments.Add($"--virtual-time-budget={scriptMilliseconds}");
            }

            arguments.AddRange(action);
            arguments.Add(page.StartsWith("http", StringComparison.Ordinal) ? page : new Uri(page).AbsoluteUri);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start.");
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish in 120 s. {stderr.Result}");
            }

            return process.ExitCode == 0 ? stdout.Result : throw new InvalidOperationException($"chromium exited {process.ExitCode}: {stderr.Result}");
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
