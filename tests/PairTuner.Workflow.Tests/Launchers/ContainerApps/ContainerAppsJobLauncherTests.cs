using System.Net;
using System.Text.Json.Nodes;
using PairTuner.Workflow.Launchers;
using PairTuner.Workflow.Launchers.ContainerApps;

namespace PairTuner.Workflow.Tests.Launchers.ContainerApps;

public class ContainerAppsJobLauncherTests
{
    private const string JobPath = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-pairtuner/providers/Microsoft.App/jobs/caj-trainer";
    private const string Image = "crabc.azurecr.io/pairtuner/trainer-dev:azd-deploy-1764480000";

    private static readonly string JobBody = $$"""
        {
          "id": "{{JobPath}}",
          "name": "caj-trainer",
          "type": "Microsoft.App/jobs",
          "properties": {
            "provisioningState": "Succeeded",
            "configuration": { "triggerType": "Manual", "replicaTimeout": 86400, "replicaRetryLimit": 0 },
            "template": {
              "containers": [
                {
                  "name": "trainer",
                  "image": "{{Image}}",
                  "resources": { "cpu": 8, "memory": "56Gi" },
                  "env": [
                    { "name": "PAIRTUNER_STORAGE__blobServiceUri", "value": "https://stabc.blob.core.windows.net/" },
                    { "name": "PAIRTUNER_JOB", "value": "stale" }
                  ]
                }
              ]
            }
          }
        }
        """;

    [Fact]
    public async Task Launch_starts_an_execution_with_the_jobs_image_and_the_runs_job_path_following_the_long_running_operation()
    {
        var polls = 0;
        await using var arm = new LoopbackResourceManager(r => (r.Method, r.Path) switch
        {
            ("GET", JobPath) => new ArmAnswer(HttpStatusCode.OK, JobBody),
            ("POST", JobPath + "/start") => new ArmAnswer(HttpStatusCode.Accepted, null, ("Location", "/operations/op-1"), ("Retry-After", "0")),
            ("GET", "/operations/op-1") => ++polls < 2
                ? new ArmAnswer(HttpStatusCode.Accepted, null, ("Retry-After", "0"))
                : new ArmAnswer(HttpStatusCode.OK, $$"""{"id":"{{JobPath}}/executions/caj-trainer-x7k2p","name":"caj-trainer-x7k2p"}"""),
            _ => ArmAnswer.Error(HttpStatusCode.BadRequest, "UnexpectedRequest", r.Path),
        });
        var credential = new StaticTokenCredential("token-abc");
        var launcher = Launcher(arm, credential);

        var execution = await launcher.LaunchAsync(new TrainerLaunchRequest("run-1", "runs/run-1/job.json", 2));

        Assert.Equal(new TrainerExecution(ContainerAppsJobLauncher.LauncherName, "caj-trainer-x7k2p", 2), execution);
        Assert.Contains(arm.BaseUri + ".default", credential.Scopes);
        var start = Assert.Single(arm.Requests, r => r.Method == "POST");
        Assert.Equal("Bearer token-abc", start.Authorization);
        Assert.Equal(ContainerAppsJobOptions.DefaultApiVersion, start.ApiVersion);
        Assert.StartsWith("application/json", start.ContentType);
        var container = JsonNode.Parse(start.Body)!["containers"]![0]!;
        Assert.Equal("trainer", (string?)container["name"]);
        Assert.Equal(Image, (string?)container["image"]);
        Assert.Equal("56Gi", (string?)container["resources"]!["memory"]);
        Assert.Equal(["--job", "runs/run-1/job.json"], container["args"]!.AsArray().Select(a => (string?)a));
        var env = container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => (string?)e!["value"]);
        Assert.Equal("https://stabc.blob.core.windows.net/", env["PAIRTUNER_STORAGE__blobServiceUri"]);
        Assert.Equal("runs/run-1/job.json", env["PAIRTUNER_JOB"]);
        Assert.Equal("run-1", env["PAIRTUNER_RUN_ID"]);
        Assert.Equal("2", env["PAIRTUNER_ATTEMPT"]);
        Assert.Equal(2, polls);
    }

    [Fact]
    public async Task Launch_retries_throttling_and_server_errors_honouring_retry_after()
    {
        var starts = 0;
        await using var arm = new LoopbackResourceManager(r => (r.Method, r.Path) switch
        {
            ("GET", JobPath) => new ArmAnswer(HttpStatusCode.OK, JobBody),
            ("POST", JobPath + "/start") => ++starts switch
            {
                1 => ArmAnswer.Error(HttpStatusCode.TooManyRequests, "TooManyRequests", "Throttled", ("Retry-After", "1")),
                2 => ArmAnswer.Error(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "Try again", ("Retry-After", "0")),
                _ => new ArmAnswer(HttpStatusCode.OK, """{"name":"caj-trainer-ok1","id":"x"}"""),
            },
            _ => ArmAnswer.Error(HttpStatusCode.BadRequest, "UnexpectedRequest", r.Path),
        });
        var started = DateTimeOffset.UtcNow;

        var execution = await Launcher(arm).LaunchAsync(new TrainerLaunchRequest("run-2", "runs/run-2/job.json", 1));

        Assert.Equal("caj-trainer-ok1", execution.ExecutionId);
        Assert.Equal(3, starts);
        // Retry-After: 1 was honoured (the backoff without it would be 1 s too, so check the floor only).
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task Retries_stop_after_max_attempts_with_a_message_that_says_so()
    {
        await using var arm = new LoopbackResourceManager(r => r.Method == "GET"
            ? new ArmAnswer(HttpStatusCode.OK, JobBody)
            : ArmAnswer.Error(HttpStatusCode.InternalServerError, "InternalServerError", "boom", ("Retry-After", "0")));

        var error = await Assert.ThrowsAsync<ResourceManagerException>(() =>
            Launcher(arm, maxAttempts: 3).LaunchAsync(new TrainerLaunchRequest("run-3", "runs/run-3/job.json", 1)));

        Assert.Equal(3, arm.Requests.Count(r => r.Method == "POST"));
        Assert.Contains("after every retry", error.Message);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
    }

    [Fact]
    public async Task A_missing_role_is_not_retried_and_names_the_role_to_assign()
    {
        await using var arm = new LoopbackResourceManager(r => r.Method == "GET"
            ? new ArmAnswer(HttpStatusCode.OK, JobBody)
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
            ? new ArmAnswer(HttpStatusCode.OK, JobBody)
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

    private static ContainerAppsJobLauncher Launcher(LoopbackResourceManager arm, StaticTokenCredential? credential = null, int maxAttempts = 6) =>
        new(new HttpClient(), credential ?? new StaticTokenCredential("token-abc"), new ContainerAppsJobOptions
        {
            SubscriptionId = "00000000-0000-0000-0000-000000000001",
            ResourceGroup = "rg-pairtuner",
            JobName = "caj-trainer",
            ResourceManagerEndpoint = arm.BaseUri,
            MaxAttempts = maxAttempts,
            MaxRetryDelay = TimeSpan.FromSeconds(2),
            OperationPollInterval = TimeSpan.FromMilliseconds(50),
        });
}
