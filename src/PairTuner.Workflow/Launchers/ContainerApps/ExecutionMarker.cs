using System.Globalization;
using System.Text.Json.Nodes;

namespace PairTuner.Workflow.Launchers.ContainerApps;

/// <summary>
/// Which run and attempt an execution trains, written into its environment
/// (<c>PAIRTUNER_RUN_ID</c>, <c>PAIRTUNER_ATTEMPT</c>) and read back from the executions list, so
/// that a start whose answer was lost can be recognised instead of sent again.
/// </summary>
internal sealed record ExecutionMarker(string RunId, int Attempt)
{
    public const string RunIdVariable = "PAIRTUNER_RUN_ID";
    public const string AttemptVariable = "PAIRTUNER_ATTEMPT";

    private string AttemptText => Attempt.ToString(CultureInfo.InvariantCulture);

    /// <summary>Sets both variables in a container's <c>env</c> array, replacing any older values.</summary>
    public void WriteTo(JsonArray env)
    {
        ContainerEnv.Set(env, RunIdVariable, RunId);
        ContainerEnv.Set(env, AttemptVariable, AttemptText);
    }

    /// <summary>True when one of the execution's containers (<c>properties.template.containers</c>) carries this run and attempt.</summary>
    public bool IsOn(JsonNode? execution)
    {
        var containers = execution?["properties"]?["template"]?["containers"] as JsonArray;
        return containers?.OfType<JsonObject>().Any(c =>
            ContainerEnv.Get(c, RunIdVariable) == RunId && ContainerEnv.Get(c, AttemptVariable) == AttemptText) ?? false;
    }
}
