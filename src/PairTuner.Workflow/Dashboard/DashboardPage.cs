using PairTuner.Workflow.Api;

namespace PairTuner.Workflow.Dashboard;

/// <summary>
/// The run dashboard (<c>dashboard.html</c>, embedded): served by <c>pairtuner serve</c> at <c>/</c>
/// and by the Functions app at <c>/api/dashboard</c>. It calls the same HTTP API as everyone else,
/// beside itself, passing on the function key it was opened with (<c>?code=</c>).
/// </summary>
public static class DashboardPage
{
    public const string ResourceName = "PairTuner.Dashboard.html";

    /// <summary>The page as an answer either host writes.</summary>
    public static ApiResponse Answer() =>
        ApiResponse.Streamed("text/html; charset=utf-8", async (output, aborted) =>
        {
            var page = typeof(DashboardPage).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"The dashboard page ({ResourceName}) is not embedded in {typeof(DashboardPage).Assembly.GetName().Name}.");
            await using (page.ConfigureAwait(false))
            {
                await page.CopyToAsync(output, aborted).ConfigureAwait(false);
            }
        });
}
