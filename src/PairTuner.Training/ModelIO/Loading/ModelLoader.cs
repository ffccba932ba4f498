using PairTuner.Training.ModelIO.Folders;
using PairTuner.Training.ModelIO.Hub;

namespace PairTuner.Training.ModelIO.Loading;

/// <summary>
/// Turns a <c>--model</c> value into a <see cref="LoadedModel"/>: <c>builtin</c> is converted once from
/// the NuGet package's ONNX graph into a cached sentence-transformers folder; a folder is read in
/// place; a Hub id is downloaded once into the cache. Every source then loads through
/// <see cref="ModelFolderReader"/>, so all three give the encoder the same shape of state dict.
/// </summary>
public sealed class ModelLoader
{
    private readonly HttpMessageHandler? _handler;

    public ModelLoader(ModelCache cache, HubOptions hub, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(hub);
        Cache = cache;
        Hub = hub;
        _handler = handler;
    }

    public ModelCache Cache { get; }

    public HubOptions Hub { get; }

    /// <summary>A loader over <c>PAIRTUNER_CACHE</c>, <c>HF_ENDPOINT</c> and <c>HF_TOKEN</c>.</summary>
    public static ModelLoader FromEnvironment() => new(ModelCache.FromEnvironment(), HubOptions.FromEnvironment());

    /// <summary>Loads a <c>--model</c> value (null or empty: builtin).</summary>
    public LoadedModel Load(string? model) => LoadAsync(model).GetAwaiter().GetResult();

    public async Task<LoadedModel> LoadAsync(string? model, CancellationToken cancellationToken = default)
    {
        var source = ModelSource.Parse(model);
        var folder = await ResolveFolderAsync(source, cancellationToken).ConfigureAwait(false);
        return ModelFolderReader.Load(folder, Describe(source));
    }

    /// <summary>
    /// The folder a source loads from, converting (builtin) or downloading (Hub) into the cache first
    /// when the cache has no complete entry yet.
    /// </summary>
    public async Task<string> ResolveFolderAsync(ModelSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        switch (source.Kind)
        {
            case ModelSourceKind.Builtin:
                return BuiltinModelFolder.Ensure(Cache);
            case ModelSourceKind.Folder:
                return source.FolderPath!;
            default:
                var id = source.HubId!;
                var target = Cache.HubFolder(id);
                if (Directory.Exists(target))
                {
                    return target;
                }

                using (var client = new HubClient(Hub, _handler, disposeHandler: _handler is null))
                {
                    var staging = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.download-{Guid.NewGuid():N}");
                    Directory.CreateDirectory(staging);
                    try
                    {
                        await client.DownloadModelAsync(id, staging, cancellationToken).ConfigureAwait(false);
                        return AtomicFolder.WriteOnce(target, folder => MoveContents(staging, folder));
                    }
                    finally
                    {
                        if (Directory.Exists(staging))
                        {
                            Directory.Delete(staging, recursive: true);
                        }
                    }
                }
        }
    }

    private static string Describe(ModelSource source) => source.Kind switch
    {
        ModelSourceKind.Builtin => BuiltinModelFolder.Description,
        ModelSourceKind.Folder => source.FolderPath!,
        _ => $"hub {source.HubId}",
    };

    private static void MoveContents(string from, string to)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(from))
        {
            var destination = Path.Combine(to, Path.GetFileName(entry));
            if (Directory.Exists(entry))
            {
                Directory.Move(entry, destination);
            }
            else
            {
                File.Move(entry, destination);
            }
        }
    }
}
