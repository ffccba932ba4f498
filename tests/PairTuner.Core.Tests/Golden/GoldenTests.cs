using PairTuner.Tests;

namespace PairTuner.Core.Tests.Golden;

/// <summary>
/// The pairs pipeline against golden files: for each small input in every format (bad rows,
/// duplicates, groups, negatives, scores, CRLF, BOM, Unicode, several shards), every byte of
/// validation.json, the shards and the train and eval splits must be what the golden file holds.
/// The golden files were made by the previous pipeline (see README.md beside them). After an
/// intended change of output, set PAIRTUNER_UPDATE_GOLDEN=1 to rewrite them, and review the diff.
/// </summary>
public class GoldenTests
{
    private static readonly string Folder = RepositoryLayout.File("tests", "PairTuner.Core.Tests", "Golden");

    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Folder, "expected"), "*.txt").Order(StringComparer.Ordinal))
        {
            cases.Add(Path.GetFileNameWithoutExtension(file));
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Writes_the_golden_bytes(string goldenCase)
    {
        // "mixed.jsonl.shards": the input's name, then the option set.
        var set = Path.GetExtension(goldenCase)[1..];
        var input = Path.Combine(Folder, "inputs", Path.GetFileNameWithoutExtension(goldenCase));
        var expectedPath = Path.Combine(Folder, "expected", goldenCase + ".txt");
        var (ingest, split) = GoldenCases.Options(set);
        using var store = new TestSupport.TempFolder();

        var actual = await GoldenRun.RenderAsync(input, ingest, split, store.Path);

        if (Environment.GetEnvironmentVariable("PAIRTUNER_UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(expectedPath, actual);
        }

        Assert.Equal(await File.ReadAllTextAsync(expectedPath), actual);
    }
}
