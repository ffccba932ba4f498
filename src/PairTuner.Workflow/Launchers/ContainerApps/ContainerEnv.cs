using System.Text.Json.Nodes;

namespace PairTuner.Workflow.Launchers.ContainerApps;

/// <summary>Reads and writes a container's <c>env</c> array as ARM shapes it: <c>[{ "name", "value" }]</c>.</summary>
internal static class ContainerEnv
{
    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>, replacing any earlier entries of that name.</summary>
    public static void Set(JsonArray env, string name, string value)
    {
        foreach (var item in env.OfType<JsonObject>().Where(e => (string?)e["name"] == name).ToList())
        {
            env.Remove(item);
        }

        env.Add(new JsonObject { ["name"] = name, ["value"] = value });
    }

    /// <summary>The value of <paramref name="name"/> in a container's env, or null.</summary>
    public static string? Get(JsonObject container, string name) =>
        (container["env"] as JsonArray)?.OfType<JsonObject>()
            .Where(e => (string?)e["name"] == name).Select(e => (string?)e["value"]).FirstOrDefault();
}
