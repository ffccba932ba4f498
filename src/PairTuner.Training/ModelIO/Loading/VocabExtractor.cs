using System.Security.Cryptography;
using System.Text;
using PairTuner.Training.ModelIO.Folders;

namespace PairTuner.Training.ModelIO.Loading;

/// <summary>
/// Writes vocab.txt from a WordPiece tokenizer.json, for folders that ship only tokenizer.json. The
/// file goes to a content-addressed temp path so the user's folder is never written to.
/// </summary>
public static class VocabExtractor
{
    public static string FromTokenizerJson(string tokenizerJsonPath)
    {
        var json = JsonFiles.ReadObject(tokenizerJsonPath);
        var model = json["model"]?.AsObject();
        if (model?["type"]?.GetValue<string>() != "WordPiece" || model["vocab"] is not System.Text.Json.Nodes.JsonObject vocab)
        {
            throw new ModelFolderException($"{tokenizerJsonPath} field 'model': not a WordPiece model with a vocab; PairTuner needs a BERT WordPiece vocabulary.");
        }

        var tokens = new string?[vocab.Count];
        foreach (var (token, idNode) in vocab)
        {
            var id = idNode!.GetValue<int>();
            if (id < 0 || id >= tokens.Length || tokens[id] is not null)
            {
                throw new ModelFolderException($"{tokenizerJsonPath} field 'model.vocab.{token}': id {id} is out of range or repeated.");
            }

            tokens[id] = token;
        }

        var text = string.Join("\n", tokens) + "\n";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        var path = Path.Combine(Path.GetTempPath(), "pairtuner-vocab", $"{hash}.txt");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + $".{Guid.NewGuid():N}.tmp";
            File.WriteAllText(temporary, text, new UTF8Encoding(false));
            File.Move(temporary, path, overwrite: true);
        }

        return path;
    }
}
