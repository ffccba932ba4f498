namespace PairTuner.Contracts.Options;

/// <summary>
/// Turns the text of an option (every source gives text: settings and metadata are strings, body
/// values are read as their JSON text, flags are typed) into a value, and says in words what it accepts.
/// Parsing is culture-invariant: <c>2e-5</c> and <c>0.8</c> mean the same everywhere.
/// </summary>
internal sealed class OptionParser<T>
{
    private readonly Func<string?, (bool Ok, T Value)> _parse;
    private readonly Func<T, string> _format;

    private OptionParser(string allowed, Func<string?, (bool Ok, T Value)> parse, Func<T, string> format, IReadOnlyList<string> probes)
    {
        Allowed = allowed;
        _parse = parse;
        _format = format;
        Probes = probes;
    }

    public string Allowed { get; }

    /// <summary>Values on and just past each limit, some allowed and some not (see <see cref="RunOption.Probes"/>).</summary>
    public IReadOnlyList<string> Probes { get; }

    public bool TryParse(string? raw, out T value)
    {
        (var ok, value) = _parse(raw);
        return ok;
    }

    public string Format(T value) => _format(value);

    public static OptionParser<T> Create(string allowed, Func<string?, (bool Ok, T Value)> parse, Func<T, string> format, IReadOnlyList<string> probes) =>
        new(allowed, parse, format, probes);
}
