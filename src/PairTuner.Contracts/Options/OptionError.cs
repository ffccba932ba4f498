using System.Globalization;

namespace PairTuner.Contracts.Options;

/// <summary>One bad option value: which option, the value as given, where it came from and what is allowed.</summary>
/// <param name="Name">The option's canonical name (<c>batchSize</c>), or the key as given when no option has that name.</param>
/// <param name="Value">The value as given; null when the option was given without one.</param>
/// <param name="Source">Where the value came from.</param>
/// <param name="Message">What is allowed, e.g. <c>an integer from 2 to 65536</c>.</param>
public sealed record OptionError(string Name, string? Value, OptionSource Source, string Message)
{
    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "{0} = {1} ({2}): {3}", Name, Value is null ? "null" : "\"" + Value + "\"", Describe(Source), Message);

    public static string Describe(OptionSource source) => source switch
    {
        OptionSource.AppSettings => "app setting",
        OptionSource.BlobMetadata => "blob metadata",
        OptionSource.RequestBody => "request body",
        OptionSource.CommandLine => "command line",
        OptionSource.JobFile => "job.json",
        _ => source.ToString(),
    };
}
