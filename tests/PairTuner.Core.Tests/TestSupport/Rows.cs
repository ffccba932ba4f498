using System.Text;
using PairTuner.Core.Formats;
using PairTuner.Core.Ingestion;
using PairTuner.Core.Validation;

namespace PairTuner.Core.Tests.TestSupport;

/// <summary>Runs a format reader or the validator over text held in memory.</summary>
internal static class Rows
{
    public static async Task<List<PairRow>> ReadAsync(string content, PairsFormat format, ValidationLimits? limits = null)
        => await ReadAsync(Encoding.UTF8.GetBytes(content), format, limits);

    public static async Task<List<PairRow>> ReadAsync(byte[] content, PairsFormat format, ValidationLimits? limits = null)
    {
        var rows = new List<PairRow>();
        using var stream = new MemoryStream(content);
        await foreach (var row in PairsReader.ReadAsync(stream, format, "test", limits ?? new ValidationLimits()))
        {
            rows.Add(row);
        }

        return rows;
    }

    public static Task<ValidationReport> ValidateAsync(string content, string fileName, IngestOptions? options = null)
        => ValidateAsync(Encoding.UTF8.GetBytes(content), fileName, options);

    public static async Task<ValidationReport> ValidateAsync(byte[] content, string fileName, IngestOptions? options = null)
    {
        using var stream = new MemoryStream(content);
        return await PairsIngestor.ValidateAsync(stream, fileName, options ?? new IngestOptions { BatchSize = 1 });
    }

    /// <summary>JSON Lines of <paramref name="count"/> distinct, valid pairs.</summary>
    public static string DistinctPairs(int count, int start = 0)
    {
        var text = new StringBuilder();
        for (var i = start; i < start + count; i++)
        {
            text.Append("{\"text1\": \"question ").Append(i).Append("\", \"text2\": \"answer ").Append(i).Append("\"}\n");
        }

        return text.ToString();
    }
}
