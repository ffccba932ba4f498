using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PairTuner.Contracts.Options;
using PairTuner.Workflow.Api;
using PairTuner.Workflow.Runs;

namespace PairTuner.Functions;

/// <summary>
/// What the functions share: storage, the run defaults from app settings (<c>PairTuner:Defaults:*</c>)
/// and the API limits (<c>PairTuner:Api:*</c>), read once at start-up. The Durable client comes
/// with each invocation, so the starter and the API are made per call; they are cheap.
/// </summary>
public sealed class RunServices
{
    private readonly IReadOnlyList<KeyValuePair<string, string?>> _defaults;
    private readonly ILoggerFactory _loggers;

    public RunServices(BlobServiceClient blobs, IConfiguration configuration, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Blobs = blobs;
        _loggers = loggers;
        _defaults = configuration.GetSection(RunOptionCatalog.SettingsSection).AsEnumerable(makePathsRelative: true).ToList();

        // Bad defaults fail the host at start-up, naming each one, rather than every run later.
        RunOptionsBuilder.Create().AddAppSettings(_defaults).Build();
        Limits = ApiLimits.FromSettings(configuration.GetSection(ApiLimits.SettingsSection).AsEnumerable(makePathsRelative: true));
    }

    public BlobServiceClient Blobs { get; }

    public ApiLimits Limits { get; }

    public PairsRunStarter Starter(DurableTaskClient client) =>
        new(client, Blobs, _defaults, TimeProvider.System, _loggers.CreateLogger<PairsRunStarter>());

    public RunsApi Api(DurableTaskClient client) => new(client, Starter(client), Limits);

    public RunFilesApi Files() => new(Blobs, Limits, _defaults);
}
