using System.Text.Json;

namespace PairTuner.Cli.Commands.Input;

/// <summary>
/// One line of <c>embed</c>'s and <c>tokenize</c>'s input: a JSON string. The problem text of a bad
/// line says what was expected, so the caller can name the line and carry on.
/// </summary>
public static class JsonStringLine
{
    public static bool TryParse(string raw, out string text, out string problem)
    {
        text = string.Empty;
        problem = string.Empty;
        if (string.IsNullOrWhiteSpace(raw))
        {
            problem = "empty line; expected a JSON string such as \"some text\".";
            return false;
        }

        try
        {
            var value = JsonSerializer.Deserialize<string>(raw);
            if (value is null)
            {
                problem = "null; expected a JSON string such as \"some text\".";
                return false;
            }

            text = value;
            return true;
        }
        catch (JsonException e)
        {
            problem = $"not a JSON string ({e.Message}); expected one JSON string per line, such as \"some text\".";
            return false;
        }
    }
}
