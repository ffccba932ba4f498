using PairTuner.Cli.Hosting;

namespace PairTuner.Cli.Tests.Hosting;

/// <summary>
/// What a dashboard test drives: a local session on Azurite, <c>serve</c> watching this test's
/// uploads only, the tiny model in storage, an HTTP client on the API and the page open in headless
/// Chromium. <see cref="Token"/> ends the test after <paramref name="patience"/>; disposal stops all
/// of it, newest first.
/// </summary>
internal sealed class DashboardSession : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _parts = [];
    private readonly CancellationTokenSource _patience;

    private DashboardSession(TimeSpan patience) => _patience = new CancellationTokenSource(patience);

    /// <summary>This test's task hub; upload names start with it so the watcher sees them.</summary>
    public string Hub { get; } = TestStorage.NewTaskHub();

    public string Model { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The page's address, the API's origin.</summary>
    public string Root { get; private set; } = null!;

    public DevToolsPage Page { get; private set; } = null!;

    public CancellationToken Token => _patience.Token;

    public static async Task<DashboardSession> OpenAsync(TimeSpan patience)
    {
        var dashboard = new DashboardSession(patience);
        try
        {
            var session = await EndToEnd.StartAsync(dashboard.Hub);
            dashboard._parts.Add(session);
            var serve = await ServeHost.StartAsync(session, port: 0, watchInterval: TimeSpan.FromMilliseconds(200), watchPrefix: $"{dashboard.Hub}-");
            dashboard._parts.Add(serve);
            dashboard.Model = await TinyModel.UploadAsync(session.Hub.Store, $"tiny-{dashboard.Hub}");
            dashboard.Http = new HttpClient { BaseAddress = new Uri(serve.Api.BaseUri + "/") };
            dashboard.Root = serve.Api.BaseUri.GetLeftPart(UriPartial.Authority) + "/";
            dashboard.Page = await DevToolsPage.OpenAsync(dashboard.Root, dashboard.Token);
            dashboard._parts.Add(dashboard.Page);

            // The target may still show about:blank before the dashboard has loaded.
            await dashboard.Page.WaitForAsync("document.readyState === 'complete' && document.getElementById('upload') !== null", dashboard.Token);
            return dashboard;
        }
        catch
        {
            await dashboard.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        for (var i = _parts.Count - 1; i >= 0; i--)
        {
            await _parts[i].DisposeAsync();
        }

        _patience.Dispose();
    }
}
