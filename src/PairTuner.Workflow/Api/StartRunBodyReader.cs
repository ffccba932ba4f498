using System.Globalization;
using System.Text.Json;
using PairTuner.Contracts.Runs;
using PairTuner.Workflow.Runs;

namespace PairTuner.Workflow.Api;

/// <summary>
/// Reads a <c>POST /runs</c> body: <c>{ "input": "pairs/name.jsonl" }</c> or
/// <c>{ "pairs": [["a", "b"], ["c", "d", 0.8], { "text1": "e", "text2": "f" }] }</c>, plus
/// <c>runId</c> and options. Collects every problem instead of stopping at the first.
/// </summary>
public static class StartRunBodyReader
{
    /// <summary>Problems listed one by one before the rest are counted.</summary>
    private const int MaxDetails = 20;

    /// <summary>Returns the body, or null and every problem with the field it is in.</summary>
    public static StartRunBody? Read(JsonElement root, ApiLimits limits, out IReadOnlyList<ApiErrorDetail> problems)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var details = new List<ApiErrorDetail>();
        problems = details;
        if (root.ValueKind != JsonValueKind.Object)
        {
            details.Add(new ApiErrorDetail("$", null, "the body must be a JSON object, e.g. { \"input\": \"pairs/tickets.jsonl\" }"));
            return null;
        }

        string? input = null;
        string? runId = null;
        IReadOnlyList<InlinePair>? pairs = null;
        var hasInput = false;
        var hasPairs = false;
        var options = new List<KeyValuePair<string, JsonElement>>();
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "input":
                    hasInput = true;
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        details.Add(new ApiErrorDetail("input", Echo(property.Value), "must be a string such as \"pairs/tickets.jsonl\""));
                    }
                    else if (BlobNames.ParsePairsInput(property.Value.GetString(), out var problem) is null)
                    {
                        details.Add(new ApiErrorDetail("input", property.Value.GetString(), problem!));
                    }
                    else
                    {
                        input = property.Value.GetString();
                    }

                    break;
                case "pairs":
                    hasPairs = true;
                    pairs = ReadPairs(property.Value, limits, details);
                    break;
                case "runId":
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        details.Add(new ApiErrorDetail("runId", Echo(property.Value), "must be a string"));
                    }
                    else if (RunIds.Problem(property.Value.GetString()) is { } idProblem)
                    {
                        details.Add(new ApiErrorDetail("runId", property.Value.GetString(), idProblem));
                    }
                    else
                    {
                        runId = property.Value.GetString();
                    }

                    break;
                default:
                    options.Add(new KeyValuePair<string, JsonElement>(property.Name, property.Value));
                    break;
            }
        }

        if (hasInput == hasPairs)
        {
            details.Add(new ApiErrorDetail(
                "input",
                null,
                hasInput ? "give either input or pairs, not both" : "give input (a blob in pairs/, e.g. \"pairs/tickets.jsonl\") or pairs (an array of [text1, text2])"));
        }

        return details.Count == 0 ? new StartRunBody(input, pairs, runId, options) : null;
    }

    private static List<InlinePair>? ReadPairs(JsonElement value, ApiLimits limits, List<ApiErrorDetail> details)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            details.Add(new ApiErrorDetail("pairs", Echo(value), "must be an array of pairs, e.g. [[\"text1\", \"text2\"]]"));
            return null;
        }

        var count = value.GetArrayLength();
        if (count == 0)
        {
            details.Add(new ApiErrorDetail("pairs", "[]", "must hold at least one pair"));
            return null;
        }

        if (count > limits.MaxInlinePairs)
        {
            details.Add(new ApiErrorDetail(
                "pairs",
                count.ToString(CultureInfo.InvariantCulture) + " pairs",
                $"at most {limits.MaxInlinePairs.ToString(CultureInfo.InvariantCulture)} pairs may be posted inline (limit {ApiLimits.SettingsSection}:MaxInlinePairs); upload bigger sets to the pairs container"));
            return null;
        }

        var pairs = new List<InlinePair>(count);
        var bad = 0;
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var field = "pairs[" + index.ToString(CultureInfo.InvariantCulture) + "]";
            var problems = new List<ApiErrorDetail>();
            var pair = ReadPair(item, field, limits, problems);
            if (pair is not null)
            {
                pairs.Add(pair);
            }
            else
            {
                bad++;
                if (details.Count < MaxDetails)
                {
                    details.AddRange(problems.Take(MaxDetails - details.Count));
                }
            }

            index++;
        }

        if (bad > 0 && details.Count >= MaxDetails)
        {
            details.Add(new ApiErrorDetail("pairs", null, $"{bad.ToString(CultureInfo.InvariantCulture)} of {count.ToString(CultureInfo.InvariantCulture)} pairs are bad; the first are listed"));
        }

        return bad == 0 ? pairs : null;
    }

    private static InlinePair? ReadPair(JsonElement item, string field, ApiLimits limits, List<ApiErrorDetail> problems)
    {
        JsonElement text1, text2;
        JsonElement? score = null;
        string text1Field, text2Field, scoreField;
        if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() is 2 or 3)
        {
            text1 = item[0];
            text2 = item[1];
            score = item.GetArrayLength() == 3 ? item[2] : null;
            (text1Field, text2Field, scoreField) = (field + "[0]", field + "[1]", field + "[2]");
        }
        else if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("text1", out text1) && item.TryGetProperty("text2", out text2))
        {
            score = item.TryGetProperty("score", out var s) ? s : null;
            (text1Field, text2Field, scoreField) = (field + ".text1", field + ".text2", field + ".score");
        }
        else
        {
            problems.Add(new ApiErrorDetail(field, Echo(item), "must be [text1, text2], [text1, text2, score] or { \"text1\": ..., \"text2\": ... }"));
            return null;
        }

        var first = ReadText(text1, text1Field, limits, problems);
        var second = ReadText(text2, text2Field, limits, problems);
        double? value = null;
        if (score is { } s2 && s2.ValueKind != JsonValueKind.Null)
        {
            if (s2.ValueKind == JsonValueKind.Number && s2.TryGetDouble(out var d) && double.IsFinite(d) && d >= 0)
            {
                value = d;
            }
            else
            {
                problems.Add(new ApiErrorDetail(scoreField, Echo(s2), "a score must be a number of at least 0 (scoreScale maps it into [0, 1])"));
            }
        }

        return problems.Count == 0 ? new InlinePair(first!, second!, value) : null;
    }

    private static string? ReadText(JsonElement value, string field, ApiLimits limits, List<ApiErrorDetail> problems)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(new ApiErrorDetail(field, Echo(value), "must be a string"));
            return null;
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new ApiErrorDetail(field, text, "must not be empty"));
            return null;
        }

        if (text.Length > limits.MaxInlineTextLength)
        {
            problems.Add(new ApiErrorDetail(
                field,
                text.Length.ToString(CultureInfo.InvariantCulture) + " characters",
                $"a text is at most {limits.MaxInlineTextLength.ToString(CultureInfo.InvariantCulture)} characters (limit {ApiLimits.SettingsSection}:MaxInlineTextLength)"));
            return null;
        }

        return text;
    }

    /// <summary>A value short enough to repeat in an error, or its kind.</summary>
    private static string Echo(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        return text.Length <= 80 ? text : value.ValueKind.ToString().ToLowerInvariant() + " of " + text.Length.ToString(CultureInfo.InvariantCulture) + " characters";
    }
}
