using PairTuner.Training.ModelIO.Hub;

namespace PairTuner.Training.ModelIO.Loading;

/// <summary>
/// A parsed <c>--model</c> value: <c>builtin</c> (the default), a folder path, or a Hub id
/// <c>owner/name[@revision]</c>. An existing folder wins over a Hub id of the same spelling.
/// </summary>
public sealed record ModelSource(ModelSourceKind Kind, string? FolderPath = null, HubModelId? HubId = null)
{
    public const string BuiltinName = "builtin";

    public static ModelSource Builtin { get; } = new(ModelSourceKind.Builtin);

    public static ModelSource Folder(string path) => new(ModelSourceKind.Folder, FolderPath: Path.GetFullPath(path));

    public static ModelSource FromHub(HubModelId id) => new(ModelSourceKind.Hub, HubId: id);

    /// <summary>Parses a <c>--model</c> value; null or empty means builtin.</summary>
    public static ModelSource Parse(string? model)
    {
        if (string.IsNullOrWhiteSpace(model) || string.Equals(model.Trim(), BuiltinName, StringComparison.OrdinalIgnoreCase))
        {
            return Builtin;
        }

        model = model.Trim();
        if (Directory.Exists(model))
        {
            return Folder(model);
        }

        var looksLikePath = model.StartsWith('/') || model.StartsWith('.') || model.StartsWith('~') || model.Contains('\\', StringComparison.Ordinal) || Path.IsPathRooted(model);
        if (!looksLikePath && HubModelId.TryParse(model, out var id))
        {
            return FromHub(id);
        }

        if (File.Exists(model))
        {
            throw new ArgumentException($"--model '{model}' is a file; give the model folder that holds it (config.json, model.safetensors, vocab.txt).", nameof(model));
        }

        throw new ArgumentException(
            $"--model '{model}': no such folder, and not a Hugging Face model id. Use '{BuiltinName}' (all-MiniLM-L6-v2, the default), " +
            "a sentence-transformers or Hugging Face folder, or an id like sentence-transformers/all-MiniLM-L6-v2[@revision].", nameof(model));
    }

    public override string ToString() => Kind switch
    {
        ModelSourceKind.Builtin => BuiltinName,
        ModelSourceKind.Folder => FolderPath!,
        _ => HubId!.ToString(),
    };
}
