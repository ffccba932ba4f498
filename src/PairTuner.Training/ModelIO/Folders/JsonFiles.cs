using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PairTuner.Training.ModelIO.Folders;

/// <summary>
/// Reads and writes the model folder's JSON files the way Python's <c>json.dump(indent=2)</c> lays
/// them out, with errors that name the file.
/// </summary>
internal static class JsonFiles
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // Hugging Face writes NaN/Infinity in some configs; they must not stop a load.
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write<T>(string path, T value)
        => WriteText(path, JsonSerializer.Serialize(value, WriteOptions) + "\n");

    public static void Write(string path, JsonNode node)
        => WriteText(path, node.ToJsonString(WriteOptions) + "\n");

    public static void WriteText(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    public static T Read<T>(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, ReadOptions)
                   ?? throw new ModelFolderException($"{path}: is JSON null, not a {typeof(T).Name}.");
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" line {line + 1}" : string.Empty;
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" field {ex.Path}";
            throw new ModelFolderException($"{path}{where}{field}: {ex.Message}", ex);
        }
    }

    public static JsonObject ReadObject(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }) as JsonObject
                   ?? throw new ModelFolderException($"{path}: is not a JSON object.");
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" line {line + 1}" : string.Empty;
            throw new ModelFolderException($"{path}{where}: not valid JSON ({ex.Message}).", ex);
        }
    }
}
