using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PairTuner.Workflow.Ingestion;
using PairTuner.Workflow.Publishing;
using PairTuner.Workflow.Trainer;

namespace PairTuner.Workflow;

/// <summary>The plain classes the activities call; the host adds an IArtifactStore and an ITrainerLauncher.</summary>
public static class WorkflowServices
{
    public static IServiceCollection AddPairTunerWorkflow(this IServiceCollection services)
    {
        services.TryAddSingleton<RunIngestion>();
        services.TryAddSingleton<TrainerStarter>();
        services.TryAddSingleton<TrainerMonitor>();
        services.TryAddSingleton<SummaryPublisher>();
        services.TryAddSingleton<FailureRecorder>();
        return services;
    }
}
