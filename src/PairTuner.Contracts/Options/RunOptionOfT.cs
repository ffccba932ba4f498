
namespace PairTuner.Contracts.Options;

/// <summary>A <see cref="RunOption"/> whose value has type <typeparamref name="T"/>.</summary>
internal sealed class RunOption<T> : RunOption
{
    private readonly OptionParser<T> _parser;
    private readonly Func<RunOptions, T> _get;
    private readonly Func<RunOptions, T, RunOptions> _set;

    public RunOption(
        string name,
        string description,
        OptionParser<T> parser,
        Func<RunOptions, T> get,
        Func<RunOptions, T, RunOptions> set,
        bool trains,
        params string[] aliases)
        : base(name, description, parser.Allowed, trains, aliases)
    {
        _parser = parser;
        _get = get;
        _set = set;
    }

    public override string DefaultText => _parser.Format(_get(new RunOptions()));

    public override IReadOnlyList<string> Probes => _parser.Probes;

    internal override bool Holds(RunOptions options, out string text)
    {
        text = _parser.Format(_get(options));
        return _parser.TryParse(text, out _);
    }

    internal override bool TryApply(RunOptions options, string? raw, out RunOptions updated)
    {
        if (_parser.TryParse(raw, out var value))
        {
            updated = _set(options, value);
            return true;
        }

        updated = options;
        return false;
    }
}
