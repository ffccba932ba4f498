using System.Text.RegularExpressions;
using PairTuner.Deployment.Tests.Arm;
using PairTuner.Workflow.Launchers;
using PairTuner.Workflow.Launchers.ContainerApps;
using PairTuner.Workflow.Tests.Launchers.ContainerApps;

namespace PairTuner.Deployment.Tests.Infra;

/// <summary>
/// Every request the launcher sends to Azure Resource Manager, as the loopback server records it,
/// must be allowed by the role infra/ gives the Function App on the trainer job: a missing action
/// answers 403 in Azure only, after the GPU was paid for.
/// </summary>
public partial class JobOperatorRoleTests
{
    /// <summary>
    /// The RBAC action each Container Apps jobs REST operation needs, per
    /// https://learn.microsoft.com/azure/role-based-access-control/permissions/compute#microsoftapp
    /// ("Get a single execution" and "Stop a Container Apps Job's specific execution" are actions of
    /// their own, apart from the execution history and stopping several executions).
    /// </summary>
    private static readonly (string Method, Regex Path, string Action)[] Operations =
    [
        ("GET", JobPattern(""), "Microsoft.App/jobs/read"),
        ("POST", JobPattern("/start"), "Microsoft.App/jobs/start/action"),
        ("POST", JobPattern("/stop"), "Microsoft.App/jobs/stop/action"),
        ("GET", JobPattern("/executions"), "Microsoft.App/jobs/executions/read"),
        ("GET", JobPattern("/executions/[^/]+"), "Microsoft.App/jobs/execution/read"),
        ("POST", JobPattern("/executions/[^/]+/stop"), "Microsoft.App/jobs/stop/execution/action"),
    ];

    [Fact]
    public async Task Every_request_of_a_launch_status_check_and_stop_is_an_action_of_the_role_on_the_job()
    {
        var requests = await RecordLauncherConversationAsync();
        var role = RoleActions();

        Assert.Equal(5, requests.Select(r => r.Method + " " + ActionOf(r)).Distinct().Count());
        foreach (var request in requests)
        {
            // The role is assigned on the job: a request outside its path would need a wider scope.
            Assert.StartsWith(SimulatedTrainerJob.JobPath, request.Path, StringComparison.Ordinal);
            var action = ActionOf(request);
            Assert.True(role.Any(granted => Grants(granted, action)),
                $"{request.Method} {request.Path} needs '{action}', which the role in infra/core/security/trainer-job-roles.bicep does not grant ({string.Join(", ", role)}).");
        }
    }

    [Fact]
    public void The_role_grants_nothing_the_launcher_does_not_use()
    {
        // Least privilege: stopping several executions at once is not among the launcher's requests.
        Assert.DoesNotContain("Microsoft.App/jobs/stop/action", RoleActions());
        Assert.DoesNotContain(RoleActions(), a => a.Contains('*', StringComparison.Ordinal));
    }

    [Fact]
    public void The_role_is_assigned_to_the_function_identity_on_the_job_itself()
    {
        var roles = Roles();
        var definitionName = (string)roles.Resources().Single(r => (string?)r["type"] == "Microsoft.Authorization/roleDefinitions")["name"]!;
        var assignment = roles.Resources().Single(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments"
            && ((string)r["properties"]!["roleDefinitionId"]!).Contains(definitionName[1..^1], StringComparison.Ordinal));
        Assert.Equal("[resourceId('Microsoft.App/jobs', parameters('jobName'))]", (string?)assignment["scope"]);
        Assert.Contains("parameters('functionPrincipalId')", (string?)assignment["properties"]!["principalId"], StringComparison.Ordinal);
    }

    private static async Task<List<RecordedRequest>> RecordLauncherConversationAsync()
    {
        var job = new SimulatedTrainerJob { PageSize = 1, OnStart = n => n == 1 ? StartAnswer.StartedButDropped : StartAnswer.AcceptedWithoutBody };
        job.AddExecution("older-run", 1);
        await using var arm = new LoopbackResourceManager(job.Answer);
        job.BaseUri = arm.BaseUri;
        var launcher = new ContainerAppsJobLauncher(new HttpClient(), new StaticTokenCredential("t"), new ContainerAppsJobOptions
        {
            SubscriptionId = SimulatedTrainerJob.SubscriptionId,
            ResourceGroup = SimulatedTrainerJob.ResourceGroup,
            JobName = SimulatedTrainerJob.JobName,
            ResourceManagerEndpoint = arm.BaseUri,
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
            OperationPollInterval = TimeSpan.FromMilliseconds(50),
            StartSettleTime = TimeSpan.FromMilliseconds(200),
        });

        // A dropped start (adopted from the list), a second attempt answered 202, status, stop.
        var first = await launcher.LaunchAsync(new TrainerLaunchRequest("run-r", "runs/run-r/job.json", 1));
        var second = await launcher.LaunchAsync(new TrainerLaunchRequest("run-r", "runs/run-r/job.json", 2));
        await launcher.GetStateAsync(first);
        await launcher.StopAsync(second);
        return [.. arm.Requests];
    }

    private static string ActionOf(RecordedRequest request) =>
        Operations.Where(o => o.Method == request.Method && o.Path.IsMatch(request.Path)).Select(o => o.Action).SingleOrDefault()
        ?? throw new Xunit.Sdk.XunitException($"{request.Method} {request.Path} is not a Container Apps jobs operation this test knows: add its action from the permissions reference.");

    private static bool Grants(string granted, string action) =>
        Regex.IsMatch(action, "^" + Regex.Escape(granted).Replace(@"\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase);

    private static ArmTemplate Roles() => new ArmTemplate(BicepCli.MainTemplate).ModuleTemplate("trainer-job-roles");

    private static List<string> RoleActions()
    {
        var definition = Roles().Resources().Single(r => (string?)r["type"] == "Microsoft.Authorization/roleDefinitions");
        var permissions = definition["properties"]!["permissions"]!.AsArray();
        return [.. permissions.SelectMany(p => p!["actions"]!.AsArray()).Select(a => (string)a!)];
    }

    private static Regex JobPattern(string suffix) =>
        new($"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.App/jobs/[^/]+{suffix}$", RegexOptions.IgnoreCase);
}
