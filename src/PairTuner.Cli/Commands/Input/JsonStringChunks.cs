namespace PairTuner.Cli.Commands.Input;

/// <summary>
/// The stdin loop of <c>embed</c> and <c>tokenize</c>: one JSON string per line, handed on in
/// chunks; a bad line is reported with its number and skipped, after the chunk before it is
/// handed on, so the output keeps the input's order around the gap.
/// </summary>
internal static class JsonStringChunks
{
    /// <summary>Feeds every good line to <paramref name="flush"/> in non-empty chunks of at most <paramref name="chunkSize"/> (cleared after each call); returns the exit code (1 when any line was bad).</summary>
    public static int Run(string command, string verb, int chunkSize, TextReader input, TextWriter output, TextWriter error, Action<List<string>> flush)
    {
        var bad = 0;
        var lineNumber = 0;
        var texts = new List<string>(chunkSize);
        void FlushChunk()
        {
            if (texts.Count > 0)
            {
                flush(texts);
                texts.Clear();
            }
        }

        while (input.ReadLine() is { } raw)
        {
            lineNumber++;
            if (JsonStringLine.TryParse(raw, out var text, out var problem))
            {
                texts.Add(text);
                if (texts.Count == chunkSize)
                {
                    FlushChunk();
                }
            }
            else
            {
                FlushChunk();
                error.WriteLine($"pairtuner {command}: stdin line {lineNumber}: {problem}");
                bad++;
            }
        }

        FlushChunk();
        output.Flush();
        if (bad > 0)
        {
            error.WriteLine($"pairtuner {command}: {bad} of {lineNumber} lines were not {verb}.");
            return 1;
        }

        return 0;
    }
}
