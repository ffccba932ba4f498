using System.Globalization;
using System.Text.Json;

namespace PairTuner.Training.Evaluation.Beir;

/// <summary>
/// Reads a BEIR folder: <c>corpus.jsonl</c> (<c>_id</c>, <c>title</c>, <c>text</c>),
/// <c>queries.jsonl</c> (<c>_id</c>, <c>text</c>) and <c>qrels/{split}.tsv</c> (header
/// <c>query-id corpus-id score</c>, tab separated). Any other JSON keys (BEIR's <c>metadata</c>)
/// are ignored. Bad input stops the read with a <see cref="BeirFormatException"/> naming file,
/// line and field.
/// </summary>
public static class BeirReader
{
    public static BeirDataset Read(string folder, string split = "test")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentException.ThrowIfNullOrWhiteSpace(split);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"BEIR folder '{folder}' does not exist.");
        }

        var corpusPath = Require(Path.Combine(folder, "corpus.jsonl"));
        var queriesPath = Require(Path.Combine(folder, "queries.jsonl"));
        var qrelsPath = Path.Combine(folder, "qrels", split + ".tsv");
        if (!File.Exists(qrelsPath))
        {
            var available = Directory.Exists(Path.Combine(folder, "qrels"))
                ? string.Join(", ", Directory.GetFiles(Path.Combine(folder, "qrels"), "*.tsv").Select(Path.GetFileNameWithoutExtension))
                : "none";
            throw new FileNotFoundException($"'{qrelsPath}' does not exist (splits here: {available}).", qrelsPath);
        }

        var corpus = new List<BeirDocument>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, root) in ReadJsonLines(corpusPath))
        {
            var id = ReadId(corpusPath, line, root);
            if (!seen.Add(id))
            {
                throw new BeirFormatException(corpusPath, line, "_id", $"'{id}' appears twice in the corpus.");
            }

            var text = ReadString(corpusPath, line, root, "text", required: true)!;
            var title = ReadString(corpusPath, line, root, "title", required: false) ?? string.Empty;
            corpus.Add(new BeirDocument(id, title, text));
        }

        var queries = new List<BeirQuery>();
        seen.Clear();
        foreach (var (line, root) in ReadJsonLines(queriesPath))
        {
            var id = ReadId(queriesPath, line, root);
            if (!seen.Add(id))
            {
                throw new BeirFormatException(queriesPath, line, "_id", $"'{id}' appears twice in the queries.");
            }

            queries.Add(new BeirQuery(id, ReadString(queriesPath, line, root, "text", required: true)!));
        }

        return new BeirDataset { Corpus = corpus, Queries = queries, Qrels = ReadQrels(qrelsPath), Split = split };
    }

    /// <summary>Reads a qrels TSV: a header line, then <c>query-id corpus-id score</c> per line.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ReadQrels(string path)
    {
        var qrels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        if (header is null)
        {
            throw new BeirFormatException(path, 1, null, "the file is empty; expected the header 'query-id<TAB>corpus-id<TAB>score'.");
        }

        var columns = header.Split('\t');
        if (columns.Length < 3 || columns[0].Trim() != "query-id" || columns[1].Trim() != "corpus-id" || columns[2].Trim() != "score")
        {
            throw new BeirFormatException(path, 1, null, $"expected the header 'query-id<TAB>corpus-id<TAB>score', found '{header}'.");
        }

        long lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length < 3)
            {
                throw new BeirFormatException(path, lineNumber, null, $"expected 3 tab-separated columns, found {parts.Length}.");
            }

            if (parts[0].Length == 0)
            {
                throw new BeirFormatException(path, lineNumber, "query-id", "is empty.");
            }

            if (parts[1].Length == 0)
            {
                throw new BeirFormatException(path, lineNumber, "corpus-id", "is empty.");
            }

            if (!double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || !double.IsFinite(score))
            {
                throw new BeirFormatException(path, lineNumber, "score", $"'{parts[2]}' is not a number.");
            }

            if (!qrels.TryGetValue(parts[0], out var judgments))
            {
                judgments = new Dictionary<string, int>(StringComparer.Ordinal);
                qrels.Add(parts[0], judgments);
            }

            judgments[parts[1]] = (int)Math.Round(score);
        }

        return qrels.ToDictionary(
            static q => q.Key,
            static q => (IReadOnlyDictionary<string, int>)q.Value,
            StringComparer.Ordinal);
    }

    private static string Require(string path)
        => File.Exists(path) ? path : throw new FileNotFoundException($"'{path}' does not exist: a BEIR folder needs it.", path);

    private static IEnumerable<(long Line, JsonElement Root)> ReadJsonLines(string path)
    {
        using var reader = new StreamReader(path);
        long lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw new BeirFormatException(path, lineNumber, null, $"not valid JSON ({e.Message}).", e);
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new BeirFormatException(path, lineNumber, null, "expected a JSON object.");
                }

                yield return (lineNumber, document.RootElement.Clone());
            }
        }
    }

    // BEIR ids are strings; a few converted sets write them as numbers, which mean the same.
    private static string ReadId(string path, long line, JsonElement root)
    {
        if (!root.TryGetProperty("_id", out var id))
        {
            throw new BeirFormatException(path, line, "_id", "is missing.");
        }

        var value = id.ValueKind switch
        {
            JsonValueKind.String => id.GetString(),
            JsonValueKind.Number => id.GetRawText(),
            _ => throw new BeirFormatException(path, line, "_id", $"must be a string, found {id.ValueKind}."),
        };
        return string.IsNullOrEmpty(value) ? throw new BeirFormatException(path, line, "_id", "is empty.") : value;
    }

    private static string? ReadString(string path, long line, JsonElement root, string field, bool required)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new BeirFormatException(path, line, field, "is missing.") : null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new BeirFormatException(path, line, field, $"must be a string, found {value.ValueKind}.");
        }

        var text = value.GetString()!;
        if (required && string.IsNullOrWhiteSpace(text))
        {
            throw new BeirFormatException(path, line, field, "is empty.");
        }

        return text;
    }
}
