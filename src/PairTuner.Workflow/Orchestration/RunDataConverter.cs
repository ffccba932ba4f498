using Microsoft.DurableTask.Converters;
using PairTuner.Core.Serialization;

namespace PairTuner.Workflow.Orchestration;

/// <summary>
/// Serializes orchestration inputs, outputs and custom status with <see cref="PairTunerJson"/>, so
/// the status the Durable APIs return has the same camelCase, string-enum shape as every other
/// PairTuner file. Both hosts (and their clients) must use it.
/// </summary>
public static class RunDataConverter
{
    public static JsonDataConverter Instance { get; } = new(PairTunerJson.Compact);
}
