using PairTuner.Workflow.Storage;

namespace PairTuner.Cli.Tests.Hosting;

/// <summary>The storage the e2e tests run on: PAIRTUNER_STORAGE, default Azurite on 127.0.0.1:10000.</summary>
internal static class TestStorage
{
    public static async Task<StorageSettings> RequireAsync()
    {
        var settings = StorageSettings.FromEnvironment();
        var store = BlobArtifactStore.FromSettings(settings);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await store.Service.GetPropertiesAsync(timeout.Token);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"These tests need Azure Storage: nothing answered at {settings}. Start Azurite (bash .ci/run does) or set " +
                $"{StorageSettings.Variable} to a connection string. ({e.GetType().Name}: {e.Message.Split('\n')[0]})", e);
        }

        return settings;
    }

    /// <summary>A task hub of its own per test, so runs of different tests never meet.</summary>
    public static string NewTaskHub() => "t" + Guid.NewGuid().ToString("N")[..12];
}
