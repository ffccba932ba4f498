using System.Globalization;
using System.Text.Json.Nodes;

namespace PairTuner.Deployment.Tests.Arm;

/// <summary>
/// Evaluates the part of ARM's template expression language that infra/'s parameter-driven choices
/// compile to: string and number literals, property and index access, and the functions below.
/// Anything else throws, naming the function, so that a change in what Bicep emits cannot pass
/// silently. A template evaluated here is not deployed: resource ids, outputs of other modules and
/// environment functions are out of reach by design.
/// </summary>
internal sealed class ArmExpression
{
    private readonly string _text;
    private readonly Func<string, JsonNode?> _parameter;
    private readonly Func<string, JsonNode?> _variable;
    private int _at;

    private ArmExpression(string text, Func<string, JsonNode?> parameter, Func<string, JsonNode?> variable)
    {
        _text = text;
        _parameter = parameter;
        _variable = variable;
    }

    /// <summary>True for a string ARM treats as an expression: <c>[...]</c> but not the <c>[[</c> escape.</summary>
    public static bool IsExpression(string value) =>
        value.Length >= 2 && value[0] == '[' && value[^1] == ']' && !value.StartsWith("[[", StringComparison.Ordinal);

    public static JsonNode? Evaluate(string expression, Func<string, JsonNode?> parameter, Func<string, JsonNode?> variable)
    {
        var parser = new ArmExpression(expression[1..^1], parameter, variable);
        var value = parser.Parse();
        parser.SkipSpace();
        if (parser._at != parser._text.Length)
        {
            throw new FormatException($"Unexpected '{parser._text[parser._at..]}' in {expression}");
        }

        return value;
    }

    private JsonNode? Parse()
    {
        SkipSpace();
        var value = Primary();
        while (true)
        {
            SkipSpace();
            if (Take('.'))
            {
                value = Member(value, Identifier());
            }
            else if (Take('['))
            {
                var index = Parse();
                Expect(']');
                value = index is JsonValue v && v.TryGetValue<int>(out var i) ? (value as JsonArray)?[i] : Member(value, (string)index!);
            }
            else
            {
                return value;
            }
        }
    }

    private JsonNode? Primary()
    {
        if (Take('\''))
        {
            var start = _at;
            var text = new System.Text.StringBuilder();
            while (true)
            {
                if (_at >= _text.Length) throw new FormatException($"Unterminated string at {start} in [{_text}]");
                if (_text[_at] == '\'')
                {
                    if (_at + 1 < _text.Length && _text[_at + 1] == '\'') { text.Append('\''); _at += 2; continue; }
                    _at++;
                    return JsonValue.Create(text.ToString());
                }

                text.Append(_text[_at++]);
            }
        }

        if (char.IsDigit(_text[_at]) || _text[_at] == '-')
        {
            var start = _at++;
            while (_at < _text.Length && char.IsDigit(_text[_at])) _at++;
            return JsonValue.Create(long.Parse(_text[start.._at], CultureInfo.InvariantCulture));
        }

        var name = Identifier();
        Expect('(');
        var args = new List<JsonNode?>();
        SkipSpace();
        if (!Take(')'))
        {
            do { args.Add(Parse()); SkipSpace(); } while (Take(','));
            Expect(')');
        }

        return Call(name, args);
    }

    private JsonNode? Call(string name, List<JsonNode?> args) => name.ToLowerInvariant() switch
    {
        "parameters" => _parameter((string)args[0]!)?.DeepClone(),
        "variables" => _variable((string)args[0]!)?.DeepClone(),
        "if" => (bool)args[0]! ? args[1] : args[2],
        "equals" => JsonValue.Create(JsonNode.DeepEquals(args[0], args[1])),
        "not" => JsonValue.Create(!(bool)args[0]!),
        "empty" => JsonValue.Create(args[0] switch
        {
            null => true,
            JsonArray a => a.Count == 0,
            JsonObject o => o.Count == 0,
            var v => ((string?)v)?.Length == 0,
        }),
        "createarray" => new JsonArray(args.Select(a => a?.DeepClone()).ToArray()),
        "createobject" => CreateObject(args),
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        "null" => null,
        "format" => JsonValue.Create(string.Format(CultureInfo.InvariantCulture, (string)args[0]!, args.Skip(1).Select(a => (object?)(a is JsonValue v ? v.ToString() : a?.ToJsonString())).ToArray())),
        _ => throw new NotSupportedException($"ARM function '{name}' is not evaluated offline; the expression depends on something only a deployment knows."),
    };

    private static JsonObject CreateObject(List<JsonNode?> args)
    {
        var result = new JsonObject();
        for (var i = 0; i < args.Count; i += 2)
        {
            result[(string)args[i]!] = args[i + 1]?.DeepClone();
        }

        return result;
    }

    private static JsonNode? Member(JsonNode? value, string name) =>
        value is JsonObject o
            ? o.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value
            : throw new InvalidOperationException($"'.{name}' on a value that is not an object: {value?.ToJsonString() ?? "null"}");

    private string Identifier()
    {
        var start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] == '_')) _at++;
        if (start == _at) throw new FormatException($"Expected a name at {start} in [{_text}]");
        return _text[start.._at];
    }

    private void SkipSpace()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at])) _at++;
    }

    private bool Take(char c)
    {
        SkipSpace();
        if (_at < _text.Length && _text[_at] == c) { _at++; return true; }
        return false;
    }

    private void Expect(char c)
    {
        if (!Take(c)) throw new FormatException($"Expected '{c}' at {_at} in [{_text}]");
    }
}
