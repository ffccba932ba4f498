using PairTuner.Contracts.Storage;
using PairTuner.Workflow.Storage;

namespace PairTuner.Trainer;

/// <summary>The store <c>pairtuner train --job</c> reads and writes when no <c>--store-root</c> is given.</summary>
internal static class TrainerStores
{
    /// <summary>Blob storage from <c>PAIRTUNER_STORAGE</c> (default: Azurite's development storage).</summary>
    public static IArtifactStore FromEnvironment() => BlobArtifactStore.FromSettings(StorageSettings.FromEnvironment());
}
