using System.Text.Json.Nodes;

namespace PairTuner.Deployment.Tests.Arm;

/// <summary>
/// A compiled template (Bicep's ARM JSON) with chosen parameter values: evaluates variables,
/// outputs and what it passes to its modules, the way a deployment would before it creates anything.
/// </summary>
internal sealed class ArmTemplate
{
    private readonly JsonObject _template;
    private readonly IReadOnlyDictionary<string, JsonNode?> _parameters;
    private readonly Dictionary<string, JsonNode?> _variables = new(StringComparer.OrdinalIgnoreCase);

    public ArmTemplate(JsonObject template, IReadOnlyDictionary<string, JsonNode?>? parameters = null)
    {
        _template = template;
        _parameters = parameters ?? new Dictionary<string, JsonNode?>();
    }

    public JsonObject Json => _template;

    /// <summary>The nested deployment a Bicep <c>module</c> compiles to, by its deployment name.</summary>
    public JsonObject Module(string deploymentName) =>
        Resources().Single(r => (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == deploymentName);

    /// <summary>
    /// The value this template passes to <paramref name="parameter"/> of module
    /// <paramref name="deploymentName"/>, or to the property at <paramref name="path"/> inside it. Only
    /// that value is evaluated, so siblings that need a deployment (other modules' outputs) do no harm.
    /// </summary>
    public JsonNode? ModuleParameter(string deploymentName, string parameter, params string[] path)
    {
        var given = Module(deploymentName)["properties"]!["parameters"]![parameter]
            ?? throw new KeyNotFoundException($"Module '{deploymentName}' gets no parameter '{parameter}'.");
        if (given is JsonValue)
        {
            // The whole { "value": ... } is one expression (Bicep's if() over a parameter).
            return path.Aggregate(Evaluate(given)?["value"], (node, key) => node?[key]);
        }

        return Evaluate(path.Aggregate(given["value"], (node, key) => node?[key]));
    }

    /// <summary>The module's own template, evaluated with what this template passes to it (parameters that need a deployment stay unset).</summary>
    public ArmTemplate ModuleTemplate(string deploymentName, params string[] parameters) =>
        new((JsonObject)Module(deploymentName)["properties"]!["template"]!.DeepClone(),
            parameters.ToDictionary(p => p, p => ModuleParameter(deploymentName, p)));

    public JsonNode? Output(string name) => Evaluate(_template["outputs"]![name]!["value"]);

    public IEnumerable<JsonObject> Resources() =>
        _template["resources"] switch
        {
            JsonArray list => list.OfType<JsonObject>(),
            JsonObject symbolic => symbolic.Select(p => (JsonObject)p.Value!),
            _ => [],
        };

    /// <summary>Evaluates every expression string inside <paramref name="value"/>.</summary>
    public JsonNode? Evaluate(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) && ArmExpression.IsExpression(s) => ArmExpression.Evaluate(s, Parameter, Variable),
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Evaluate(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Evaluate).ToArray()),
        _ => value?.DeepClone(),
    };

    private JsonNode? Parameter(string name)
    {
        if (_parameters.TryGetValue(name, out var given))
        {
            return given;
        }

        var declared = _template["parameters"]?[name] ?? throw new KeyNotFoundException($"The template declares no parameter '{name}'.");
        return declared["defaultValue"] is { } fallback
            ? Evaluate(fallback)
            : throw new InvalidOperationException($"Parameter '{name}' has no value and no default.");
    }

    private JsonNode? Variable(string name)
    {
        if (!_variables.TryGetValue(name, out var value))
        {
            var declared = _template["variables"]?[name] ?? throw new KeyNotFoundException($"The template declares no variable '{name}'.");
            value = Evaluate(declared);
            _variables[name] = value;
        }

        return value;
    }
}
