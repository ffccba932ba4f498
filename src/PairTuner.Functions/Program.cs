using Azure.Core.Serialization;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Serialization;
using PairTuner.Functions;
using PairTuner.Workflow.Launchers;
using PairTuner.Workflow.Storage;
using PairTuner.Workflow;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Orchestration inputs, outputs and custom status in PairTuner's one JSON shape (camelCase,
// enums as strings), as the local host writes them, so GET /runs/{id} reads the same in both.
builder.Services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(PairTunerJson.Compact));

// The same storage rules as the local host and the trainer, except that nothing set is an error here.
builder.Services.AddSingleton(services => StorageSettings.FromConfiguration(services.GetRequiredService<IConfiguration>()).RequireConfigured().CreateClient());
builder.Services.AddSingleton<IArtifactStore>(services => new BlobArtifactStore(services.GetRequiredService<BlobServiceClient>()));
builder.Services.AddHttpClient(nameof(TrainerLaunchers));
builder.Services.AddSingleton<ITrainerLauncher>(services => TrainerLaunchers.Create(
    services.GetRequiredService<IConfiguration>(),
    services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(TrainerLaunchers))));
builder.Services.AddPairTunerWorkflow();
builder.Services.AddSingleton<RunServices>();
builder.Build().Run();
