using Microsoft.DurableTask;
using PairTuner.Workflow.Ingestion;

namespace PairTuner.Workflow.Activities;

/// <summary>Validates the pairs file and writes request.json, validation.json and the shards.</summary>
[DurableTask(Name)]
public sealed class IngestActivity(RunIngestion ingestion) : TaskActivity<IngestInput, IngestOutcome>
{
    public const string Name = "Ingest";

    public override Task<IngestOutcome> RunAsync(TaskActivityContext context, IngestInput input)
        => ingestion.IngestAsync(input);
}
