using System.Text;

namespace PairTuner.Contracts.Options;

/// <summary>
/// One option of a run: its names in every place a user can give it (app setting, blob metadata,
/// request body, <c>pairtuner run</c> and <c>pairtuner train</c> flags, job.json), its default and
/// what it allows. <see cref="RunOptionCatalog"/> lists them all.
/// </summary>
public abstract class RunOption
{
    private protected RunOption(string name, string description, string allowed, bool trains, IReadOnlyList<string> aliases)
    {
        Name = name;
        Description = description;
        Allowed = allowed;
        Trains = trains;
        Aliases = aliases;
    }

    /// <summary>The request-body field, e.g. <c>batchSize</c>.</summary>
    public string Name { get; }

    /// <summary>Other accepted names, e.g. <c>rescale</c> for <c>scoreScale</c>.</summary>
    public IReadOnlyList<string> Aliases { get; }

    public string Description { get; }

    /// <summary>What values are allowed, in words, e.g. <c>an integer from 2 to 65536</c>.</summary>
    public string Allowed { get; }

    /// <summary>The default as text (what a run gets when no source sets it).</summary>
    public abstract string DefaultText { get; }

    /// <summary>Whether <c>pairtuner train</c> takes it too (every training option, and the score options of its local files).</summary>
    public bool Trains { get; }

    /// <summary>
    /// Whether <c>pairtuner embed</c> and <c>pairtuner evaluate</c> take it too: the options that say how
    /// an encoder runs (<c>maxSeqLength</c>, <c>precision</c>, <c>device</c>), not how it trains.
    /// </summary>
    public bool Encodes { get; internal set; }

    /// <summary>
    /// Values on and just past each limit, some allowed and some not: every surface must accept and
    /// refuse exactly the same of them (the surfaces test checks that).
    /// </summary>
    public abstract IReadOnlyList<string> Probes { get; }

    /// <summary>The app-setting key, e.g. <c>PairTuner:Defaults:batchSize</c>.</summary>
    public string SettingKey => RunOptionCatalog.SettingsSection + ":" + Name;

    /// <summary>The environment-variable form of <see cref="SettingKey"/>, e.g. <c>PairTuner__Defaults__batchSize</c>.</summary>
    public string EnvironmentVariable => SettingKey.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>The blob-metadata key: Azure metadata keys are case-insensitive C# identifiers, so the name lower-cased.</summary>
    public string MetadataKey => Name.ToLowerInvariant();

    /// <summary>The <c>pairtuner run</c> (and <c>pairtuner train</c>) flag, e.g. <c>--batch-size</c>.</summary>
    public string CliFlag => "--" + Kebab(Name);

    /// <summary>The flags of the aliases, e.g. <c>--learning-rate</c>.</summary>
    public IEnumerable<string> CliAliases => Aliases.Select(a => "--" + Kebab(a));

    /// <summary>Every key this option answers to, normalized (see <see cref="Normalize"/>).</summary>
    internal IEnumerable<string> Keys => Aliases.Prepend(Name).Select(Normalize);

    /// <summary>Whether <paramref name="raw"/> is a value this option allows (on its own: rules between options are the builder's).</summary>
    public bool Accepts(string? raw) => TryApply(new RunOptions(), raw, out _);

    /// <summary>Parses <paramref name="raw"/> and applies it; on failure returns false and says what is allowed.</summary>
    internal abstract bool TryApply(RunOptions options, string? raw, out RunOptions updated);

    /// <summary>
    /// Whether the value <paramref name="options"/> holds (read from job.json, not from text) is one
    /// this option allows; <paramref name="text"/> is that value as an option's text.
    /// </summary>
    internal abstract bool Holds(RunOptions options, out string text);

    /// <summary>
    /// Keys compare without case, '-' or '_', so <c>batchSize</c>, <c>batchsize</c>, <c>batch-size</c> and
    /// <c>batch_size</c> are one option.
    /// </summary>
    internal static string Normalize(string key)
    {
        var builder = new StringBuilder(key.Length);
        foreach (var c in key.Trim().TrimStart('-'))
        {
            if (c is not '-' and not '_')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static string Kebab(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c))
            {
                builder.Append('-').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
