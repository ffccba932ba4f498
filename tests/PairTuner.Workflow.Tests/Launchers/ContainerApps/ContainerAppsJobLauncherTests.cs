using System.Net;
using System.Text.Json.Nodes;
using PairTuner.Workflow.Launchers;
using PairTuner.Workflow.Launchers.ContainerApps;

namespace PairTuner.Workflow.Tests.Launchers.ContainerApps;

public class ContainerAppsJobLauncherTests
{
    private const string JobPath = SimulatedTrainerJob.JobPath;

    [Fact]
    public async Task Launch_starts_an_execution_with_the_jobs_image_the_runs_job_path_and_its_run_and_attempt()
    {
        var job = new SimulatedTrainerJob();
        await using var arm = Serve(job);
        var credential = new StaticTokenCredential("token-abc");

        var execution = await Launcher(arm, credential).LaunchAsync(new TrainerLaunchRequest("run-1", "runs/run-1/job.json", 2));

        var created = Assert.Single(job.Executions);
        Assert.Equal(new TrainerExecution(ContainerAppsJobLauncher.LauncherName, (string)created["name"]!, 2), execution);
        Assert.Contains(arm.BaseUri + ".default", credential.Scopes);
        var start = Assert.Single(arm.Requests, r => r.Method == "POST");
        Assert.Equal("Bearer token-abc", start.Authorization);
        Assert.Equal(ContainerAppsJobOptions.DefaultApiVersion, start.ApiVersion);
        Assert.StartsWith("application/json", start.ContentType);
        var container = JsonNode.Parse(start.Body)!["containers"]![0]!;
        Assert.Equal("trainer", (string?)container["name"]);
        Assert.Equal(SimulatedTrainerJob.Image, (string?)container["image"]);
        Assert.Equal("56Gi", (string?)container["resources"]!["memory"]);
        Assert.Equal(["--job", "runs/run-1/job.json"], container["args"]!.AsArray().Select(a => (string?)a));
        var env = container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => (string?)e!["value"]);
        Assert.Equal("https://stabc.blob.core.windows.net/", env["PAIRTUNER_STORAGE__blobServiceUri"]);
        Assert.Equal("runs/run-1/job.json", env["PAIRTUNER_JOB"]);
        Assert.Equal("run-1", env["PAIRTUNER_RUN_ID"]);
        Assert.Equal("2", env["PAIRTUNER_ATTEMPT"]);
    }

    [Fact]
    public async Task A_start_whose_response_is_dropped_ends_with_exactly_one_execution()
    {
        var job = new SimulatedTrainerJob { OnStart = n => n == 1 ? StartAnswer.StartedButDropped : StartAnswer.Ok };
        await using var arm = Serve(job);

        var execution = await Launcher(arm).LaunchAsync(new TrainerLaunchRequest("run-d", "runs/run-d/job.json", 1));

        var only = Assert.Single(job.Executions);
        Assert.Equal((string)only["name"]!, execution.ExecutionId);
        Assert.Single(arm.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task A_start_that_Azure_carried_out_but_answered_500_is_adopted_not_repeated()
    {
        var job = new SimulatedTrainerJob { OnStart = n => n == 1 ? StartAnswer.StartedButFailed : StartAnswer.Ok };
        await using var arm = Serve(job);

        var execution = await Launcher(arm).LaunchAsync(new TrainerLaunchRequest("run-e", "runs/run-e/job.json", 1));

        Assert.Equal((string)Assert.Single(job.Executions)["name"]!, execution.ExecutionId);
        Assert.Single(arm.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task A_start_that_failed_before_Azure_acted_is_sent_again_once_the_list_shows_nothing()
    {
        var job = new SimulatedTrainerJob { OnStart = n => n == 1 ? StartAnswer.Unavailable : StartAnswer.Ok };
        await using var arm = Serve(job);

        var execution = await Launcher(arm).LaunchAsync(new TrainerLaunchRequest("run-f", "runs/run-f/job.json", 1));

        Assert.Equal((string)Assert.Single(job.Executions)["name"]!, execution.ExecutionId);
        Assert.Equal(2, arm.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task Launching_an_attempt_again_adopts_its_execution_and_a_new_attempt_starts_a_new_one()
    {
        // The activity's retry policy (or a host restart) runs the launch again for the same attempt.
        var job = new SimulatedTrainerJob { PageSize = 2 };
        job.AddExecution("other-run", 1);
        job.AddExecution("run-g", 1, status: "Failed");
        job.AddExecution("other-run", 2);
        await using var arm = Serve(job);
        var launcher = Launcher(arm);

        var first = await launcher.LaunchAsync(new TrainerLaunchRequest("run-g", "runs/run-g/job.json", 2));
        var again = await launcher.LaunchAsync(new TrainerLaunchRequest("run-g", "runs/run-g/job.json", 2));
        var earlier = await launcher.LaunchAsync(new TrainerLaunchRequest("run-g", "runs/run-g/job.json", 1));

        Assert.Equal(first, again);
        Assert.Equal(4, job.Executions.Count);
        Assert.Single(arm.Requests, r => r.Method == "POST");
        Assert.Equal((string)job.Executions[1]["name"]!, earlier.ExecutionId);
        // The list had two pages; the adopted execution of attempt 2 was on the second.
        Assert.Contains(arm.Requests, r => r.SkipToken == "2");
    }

    [Fact]
    public async Task An_accepted_start_without_a_body_is_found_in_the_executions_list()
    {
        var job = new SimulatedTrainerJob { OnStart = _ => StartAnswer.AcceptedWithoutBody };
        await using var arm = Serve(job);

        var execution = await Launcher(arm).LaunchAsync(new TrainerLaunchRequest("run-h", "runs/run-h/job.json", 1));

        Assert.Equal((string)Assert.Single(job.Executions)["name"]!, execution.ExecutionId);
        // The operation's Location lies outside the job, where the launcher's role does not reach: never followed.
        Assert.DoesNotContain(arm.Requests, r => r.Path.Contains("/locations/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Throttled_starts_are_retried_honouring_retry_after()
    {
        var job = new SimulatedTrainerJob { OnStart = n => n <= 2 ? StartAnswer.Throttle : StartAnswer.Ok };
        await using var arm = Serve(job);

        var execution = await Launcher(arm).LaunchAsync(new TrainerLaunchRequest("run-2", "runs/run-2/job.json", 1));

        Assert.Equal((string)Assert.Single(job.Executions)["name"]!, execution.ExecutionId);
        Assert.Equal(3, arm.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task Starts_without_a_clear_answer_stop_after_max_attempts_with_a_message_that_says_so()
    {
        var job = new SimulatedTrainerJob { OnStart = _ => new StartAnswer(Creates: false, Status: HttpStatusCode.InternalServerError) };
        await using var arm = Serve(job);

        var error = await Assert.ThrowsAsync<ResourceManagerException>(() =>
            Launcher(arm, maxAttempts: 3).LaunchAsync(new TrainerLaunchRequest("run-3", "runs/run-3/job.json", 1)));

        Assert.Equal(3, arm.Requests.Count(r => r.Method == "POST"));
        Assert.Contains("3 starts got no clear answer", error.Message);
        Assert.Contains("run-3", error.Message);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Empty(job.Executions);
    }

    [Fact]
    public async Task A_missing_role_is_not_retried_and_names_the_role_to_assign()
    {
        await using var arm = new LoopbackResourceManager(r => r.Method == "GET"
            ? new ArmAnswer(HttpStatusCode.OK, new SimulatedTrainerJob().JobBody)
            : ArmAnswer.Error(HttpStatusCode.Forbidden, "AuthorizationFailed",
                "The client 'abc' with object id 'abc' does not have authorization to perform action 'Microsoft.App/jobs/start/action'"));

        var error = await Assert.ThrowsAsync<ResourceManagerException>(() =>
            Launcher(arm).LaunchAsync(new TrainerLaunchRequest("run-4", "runs/run-4/job.json", 1)));

        Assert.Single(arm.Requests, r => r.Method == "POST");
        Assert.Equal("AuthorizationFailed", error.ErrorCode);
        Assert.Contains("PairTuner trainer job operator", error.Message);
        Assert.Contains("Microsoft.App/jobs/start/action", error.Message);
        Assert.DoesNotContain("token-abc", error.Message);
    }

    [Fact]
    public async Task A_missing_job_says_which_setting_to_check()
    {
        await using var arm = new LoopbackResourceManager(_ => ArmAnswer.Error(HttpStatusCode.NotFound, "ResourceNotFound",
            "The Resource 'Microsoft.App/jobs/caj-trainer' under resource group 'rg-pairtuner' was not found."));

        var error = await Assert.ThrowsAsync<ResourceManagerException>(() =>
            Launcher(arm).LaunchAsync(new TrainerLaunchRequest("run-5", "runs/run-5/job.json", 1)));

        Assert.Contains("'caj-trainer'", error.Message);
        Assert.Contains("PairTuner__ContainerAppsJob__JobName", error.Message);
        Assert.Contains("azd provision", error.Message);
    }

    [Fact]
    public async Task No_gpu_quota_suggests_the_cpu_variant()
    {
        await using var arm = new LoopbackResourceManager(r => r.Method == "GET"
            ? new ArmAnswer(HttpStatusCode.OK, new SimulatedTrainerJob().JobBody)
            : ArmAnswer.Error(HttpStatusCode.BadRequest, "ContainerAppOperationError",
                "Failed to start job execution: Insufficient quota for workload profile type Consumption-GPU-NC8as-T4."));

        var error = await Assert.ThrowsAsync<ResourceManagerException>(() =>
            Launcher(arm).LaunchAsync(new TrainerLaunchRequest("run-6", "runs/run-6/job.json", 1)));

        Assert.Contains("quota", error.Message);
        Assert.Contains("PAIRTUNER_TRAINER_GPU=none", error.Message);
    }

    [Theory]
    [InlineData("Running", TrainerExecutionStatus.Running)]
    [InlineData("Processing", TrainerExecutionStatus.Pending)]
    [InlineData("Succeeded", TrainerExecutionStatus.Succeeded)]
    [InlineData("Failed", TrainerExecutionStatus.Failed)]
    [InlineData("Degraded", TrainerExecutionStatus.Failed)]
    [InlineData("Stopped", TrainerExecutionStatus.Stopped)]
    [InlineData("Unknown", TrainerExecutionStatus.Unknown)]
    public async Task State_maps_the_execution_status(string armStatus, TrainerExecutionStatus expected)
    {
        await using var arm = new LoopbackResourceManager(r => r.Path == JobPath + "/executions/caj-trainer-x7k2p"
            ? new ArmAnswer(HttpStatusCode.OK, $$$"""{"name":"caj-trainer-x7k2p","properties":{"status":"{{{armStatus}}}","startTime":"2026-11-30T05:00:00Z"}}""")
            : ArmAnswer.Error(HttpStatusCode.NotFound, "ResourceNotFound", r.Path));

        var state = await Launcher(arm).GetStateAsync(new TrainerExecution(ContainerAppsJobLauncher.LauncherName, "caj-trainer-x7k2p", 1));

        Assert.Equal(expected, state.Status);
        if (expected == TrainerExecutionStatus.Failed)
        {
            Assert.False(string.IsNullOrEmpty(state.Message));
        }
    }

    [Fact]
    public async Task State_of_a_vanished_execution_is_unknown_not_an_error()
    {
        await using var arm = new LoopbackResourceManager(_ => ArmAnswer.Error(HttpStatusCode.NotFound, "ResourceNotFound", "gone"));

        var state = await Launcher(arm).GetStateAsync(new TrainerExecution(ContainerAppsJobLauncher.LauncherName, "caj-trainer-old", 1));

        Assert.Equal(TrainerExecutionStatus.Unknown, state.Status);
        Assert.Contains("caj-trainer-old", state.Message);
    }

    [Fact]
    public async Task Stop_posts_to_the_executions_stop_action_and_tolerates_a_finished_execution()
    {
        var stops = 0;
        await using var arm = new LoopbackResourceManager(r => (r.Method, r.Path) switch
        {
            ("POST", JobPath + "/executions/caj-trainer-a/stop") => ++stops == 1
                ? new ArmAnswer(HttpStatusCode.Accepted, null, ("Location", "/operations/stop-1"))
                : ArmAnswer.Error(HttpStatusCode.NotFound, "ResourceNotFound", "gone"),
            _ => ArmAnswer.Error(HttpStatusCode.BadRequest, "UnexpectedRequest", r.Path),
        });
        var launcher = Launcher(arm);
        var execution = new TrainerExecution(ContainerAppsJobLauncher.LauncherName, "caj-trainer-a", 1);

        await launcher.StopAsync(execution);
        await launcher.StopAsync(execution);

        Assert.Equal(2, stops);
        Assert.All(arm.Requests, r => Assert.Equal(ContainerAppsJobOptions.DefaultApiVersion, r.ApiVersion));
    }

    [Fact]
    public void Missing_settings_are_named_together()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ContainerAppsJobLauncher(
            new HttpClient(), new StaticTokenCredential("t"), new ContainerAppsJobOptions { SubscriptionId = "", ResourceGroup = " ", JobName = "j" }));

        Assert.Contains("PairTuner__ContainerAppsJob__SubscriptionId", error.Message);
        Assert.Contains("PairTuner__ContainerAppsJob__ResourceGroup", error.Message);
        Assert.DoesNotContain("JobName", error.Message);
    }

    private static LoopbackResourceManager Serve(SimulatedTrainerJob job)
    {
        var arm = new LoopbackResourceManager(job.Answer);
        job.BaseUri = arm.BaseUri;
        return arm;
    }

    private static ContainerAppsJobLauncher Launcher(LoopbackResourceManager arm, StaticTokenCredential? credential = null, int maxAttempts = 6) =>
        new(new HttpClient(), credential ?? new StaticTokenCredential("token-abc"), new ContainerAppsJobOptions
        {
            SubscriptionId = SimulatedTrainerJob.SubscriptionId,
            ResourceGroup = SimulatedTrainerJob.ResourceGroup,
            JobName = SimulatedTrainerJob.JobName,
            ResourceManagerEndpoint = arm.BaseUri,
            MaxAttempts = maxAttempts,
            MaxRetryDelay = TimeSpan.FromMilliseconds(100),
            OperationPollInterval = TimeSpan.FromMilliseconds(50),
            StartSettleTime = TimeSpan.FromMilliseconds(300),
        });
}
