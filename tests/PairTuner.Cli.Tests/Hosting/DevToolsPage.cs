using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PairTuner.Tests;

namespace PairTuner.Cli.Tests.Hosting;

/// <summary>
/// A page open in headless Chromium, driven over the DevTools protocol (a WebSocket, no package):
/// scripts evaluated in the page act as a person does (drop a file, click), against a live server.
/// </summary>
internal sealed partial class DevToolsPage : IAsyncDisposable
{
    private readonly Process _chromium;
    private readonly ClientWebSocket _socket;
    private readonly string _profile;
    private int _nextId;

    private DevToolsPage(Process chromium, ClientWebSocket socket, string profile)
    {
        _chromium = chromium;
        _socket = socket;
        _profile = profile;
    }

    public static async Task<DevToolsPage> OpenAsync(string url, CancellationToken cancellationToken)
    {
        var profile = Directory.CreateTempSubdirectory("pairtuner-devtools-").FullName;
        var start = new ProcessStartInfo(HeadlessChromium.Locate()) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--remote-debugging-port=0", $"--user-data-dir={profile}",
                     "--window-size=1200,1000", url,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var chromium = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start.");
        _ = chromium.StandardOutput.ReadToEndAsync(cancellationToken);
        string? line;
        Match listening;
        do
        {
            line = await chromium.StandardError.ReadLineAsync(cancellationToken)
                ?? throw new InvalidOperationException("chromium ended before it listened for DevTools.");
            listening = Listening().Match(line);
        }
        while (!listening.Success);

        _ = chromium.StandardError.ReadToEndAsync(cancellationToken);
        using var http = new HttpClient();
        string? pageSocket = null;
        while (pageSocket is null)
        {
            var targets = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{listening.Groups[1].Value}/json/list", cancellationToken)).RootElement;
            pageSocket = targets.EnumerateArray().Where(t => t.GetProperty("type").GetString() == "page")
                .Select(t => t.GetProperty("webSocketDebuggerUrl").GetString()).FirstOrDefault();
        }

        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(pageSocket), cancellationToken);
        return new DevToolsPage(chromium, socket, profile);
    }

    /// <summary>Evaluates <paramref name="expression"/> in the page (awaiting a promise) and returns its value as JSON.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression, CancellationToken cancellationToken)
    {
        var id = ++_nextId;
        var command = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id,
            method = "Runtime.evaluate",
            @params = new { expression, awaitPromise = true, returnByValue = true },
        });
        await _socket.SendAsync(command, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await _socket.ReceiveAsync(buffer, cancellationToken);
                message.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);

            var answer = JsonDocument.Parse(message.ToArray()).RootElement;
            if (answer.TryGetProperty("id", out var answerId) && answerId.GetInt32() == id)
            {
                var result = answer.GetProperty("result");
                if (result.TryGetProperty("exceptionDetails", out var exception))
                {
                    throw new InvalidOperationException("The page's script failed: " + exception);
                }

                return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
            }
        }
    }

    /// <summary>
    /// Evaluates <paramref name="expression"/> every 200 ms until it gives something (not null,
    /// false or an empty string) and returns that: the page's own refresh decides when, the caller's
    /// token bounds the wait, nothing is timed.
    /// </summary>
    public async Task<JsonElement> WaitForAsync(string expression, CancellationToken cancellationToken)
    {
        while (true)
        {
            var value = await EvaluateAsync(expression, cancellationToken);
            if (value.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.False)
                && !(value.ValueKind == JsonValueKind.String && value.GetString() == string.Empty))
            {
                return value;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        if (!_chromium.HasExited)
        {
            _chromium.Kill(entireProcessTree: true);
            await _chromium.WaitForExitAsync();
        }

        _chromium.Dispose();
        Directory.Delete(_profile, recursive: true);
    }

    [GeneratedRegex(@"DevTools listening on ws://127\.0\.0\.1:(\d+)/")]
    private static partial Regex Listening();
}
