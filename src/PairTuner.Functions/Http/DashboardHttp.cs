using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PairTuner.Workflow.Dashboard;

namespace PairTuner.Functions.Http;

/// <summary>
/// The run dashboard at <c>/api/dashboard</c>. A function key like the API: open it with
/// <c>?code=&lt;key&gt;</c> and the page passes that key on to its API calls.
/// </summary>
public static class DashboardHttp
{
    [Function("Dashboard")]
    public static IActionResult Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "dashboard")] HttpRequest request) =>
        new ApiResponseResult(DashboardPage.Answer());
}
