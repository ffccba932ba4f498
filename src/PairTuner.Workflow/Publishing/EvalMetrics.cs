using System.Text.Json;
using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Verdicts;
using PairTuner.Core.Serialization;
using PairTuner.Workflow.Orchestration;

namespace PairTuner.Workflow.Publishing;

/// <summary>
/// Pulls the headline numbers out of <c>eval.json</c>: every numeric metric found under its
/// <c>base</c> and <c>tuned</c> objects (nested objects are flattened with <c>/</c>), keyed by
/// sentence-transformers' names such as <c>cosine_ndcg@10</c>.
/// </summary>
public static class EvalMetrics
{
    public static IReadOnlyDictionary<string, MetricComparison> Compare(JsonElement report)
    {
        var baseline = Flatten(Find(report, "base"));
        var tuned = Flatten(Find(report, "tuned"));
        var result = new SortedDictionary<string, MetricComparison>(StringComparer.Ordinal);
        foreach (var name in baseline.Keys.Union(tuned.Keys))
        {
            result[name] = new MetricComparison(
                baseline.TryGetValue(name, out var b) ? b : null,
                tuned.TryGetValue(name, out var t) ? t : null);
        }

        return result;
    }

    /// <summary>eval.json's <c>verdict</c>; null in a report written before verdicts.</summary>
    public static Verdict? Verdict(JsonElement report)
        => Find(report, "verdict") is { ValueKind: JsonValueKind.Object } verdict ? verdict.Deserialize<Verdict>(PairTunerJson.Options) : null;

    /// <summary>eval.json's <c>recipe</c>; null when absent.</summary>
    public static Recipe? Recipe(JsonElement report)
        => Find(report, "recipe") is { ValueKind: JsonValueKind.String } recipe ? recipe.Deserialize<Recipe>(PairTunerJson.Options) : null;

    private static JsonElement? Find(JsonElement report, string name)
    {
        if (report.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in report.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static Dictionary<string, double> Flatten(JsonElement? element)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (element is { ValueKind: JsonValueKind.Object } obj)
        {
            Walk(obj, prefix: string.Empty, values);
        }

        return values;
    }

    private static void Walk(JsonElement obj, string prefix, Dictionary<string, double> values)
    {
        foreach (var property in obj.EnumerateObject())
        {
            var name = prefix + property.Name;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Number:
                    values[name] = property.Value.GetDouble();
                    break;
                case JsonValueKind.Object:
                    Walk(property.Value, name + "/", values);
                    break;
            }
        }
    }
}
