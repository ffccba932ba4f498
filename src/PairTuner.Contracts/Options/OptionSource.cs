namespace PairTuner.Contracts.Options;

/// <summary>Where an option value came from, in rising priority: a later source overrides an earlier one.</summary>
public enum OptionSource
{
    /// <summary>App settings <c>PairTuner:Defaults:*</c> (environment <c>PairTuner__Defaults__*</c>).</summary>
    AppSettings = 0,

    /// <summary>Metadata on the pairs blob (<c>epochs</c>, <c>batchsize</c>, ...).</summary>
    BlobMetadata = 1,

    /// <summary>A field of the <c>POST /runs</c> body.</summary>
    RequestBody = 2,

    /// <summary>A flag of <c>pairtuner run</c> or <c>pairtuner train</c>: it plays the request body's role for a run started from the command line.</summary>
    CommandLine = 3,

    /// <summary>
    /// The <c>options</c> of a job.json, which the trainer reads; checked on their own by
    /// <see cref="RunOptionCatalog.Check"/>, never merged with the sources above.
    /// </summary>
    JobFile = 4,
}
