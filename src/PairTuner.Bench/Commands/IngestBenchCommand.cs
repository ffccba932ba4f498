using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using PairTuner.Core.Ingestion;
using PairTuner.Core.Splitting;

namespace PairTuner.Bench.Commands;

/// <summary>
/// <c>pairtuner-bench ingest --pairs N</c>: generates N pairs as JSON Lines, then times the whole
/// pairs pipeline (parse + validate + score + split + write shards, train and eval to local disk)
/// against a plain line-by-line read of the same file in the same process. Prints one JSON line.
/// Target: at 1M pairs, ratio_to_read >= 0.1 (ingest is not where users wait), memory bounded by
/// the shard size and one fingerprint per usable pair.
/// </summary>
internal static class IngestBenchCommand
{
    private const int WarmupPasses = 3;

    // Odd, so the median is one of the passes.
    private const int TimedPasses = 5;

    public static Command Create()
    {
        var pairs = new Option<long>("--pairs")
        {
            Description = "How many pairs to generate.",
            DefaultValueFactory = _ => 100_000,
        };
        var shardSize = new Option<int>("--shard-size")
        {
            Description = "Pairs per shard.",
            DefaultValueFactory = _ => new IngestOptions().ShardSize,
        };
        var workDir = new Option<string?>("--work-dir") { Description = "Folder for the generated file and outputs (default: a temporary folder, deleted after)." };
        var command = new Command("ingest", "Times ingest + score + split of N generated pairs against a plain read of the same file; prints one JSON line.")
        {
            pairs, shardSize, workDir,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(pairs),
            parseResult.GetValue(shardSize),
            parseResult.GetValue(workDir),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(long pairs, int shardSize, string? workDir, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (pairs < 100)
        {
            error.WriteLine("pairtuner-bench ingest: --pairs must be at least 100.");
            return 1;
        }

        var folder = workDir ?? Path.Combine(Path.GetTempPath(), "pairtuner-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var input = Path.Combine(folder, "pairs.jsonl");
            PairsFileGenerator.Write(input, pairs);
            var fileBytes = new FileInfo(input).Length;
            var options = new IngestOptions { ShardSize = shardSize };

            // Warm-up. The first pass runs code the JIT has not optimized yet; dynamic PGO then
            // recompiles the hot methods from what it saw, and only the third pass on runs the
            // final code (measured: passes 1-2 about 3.5 and 1.5 s, from pass 3 on about 1.0 s at 1M
            // pairs). So three passes before timing; the first one's time is reported too, as
            // the cold start a single run of a fresh process pays.
            var coldSeconds = 0.0;
            for (var pass = 0; pass < WarmupPasses; pass++)
            {
                var warmup = Path.Combine(folder, "warmup" + pass);
                var clock = Stopwatch.StartNew();
                await LocalPairsPipeline.RunToFolderAsync(input, warmup, options, new SplitOptions(), cancellationToken: cancellationToken).ConfigureAwait(false);
                coldSeconds = pass == 0 ? clock.Elapsed.TotalSeconds : coldSeconds;
                Directory.Delete(warmup, recursive: true);
            }

            // Timed rounds: a plain read, then a pipeline pass (into a fresh folder), so both halves
            // of the ratio meet the same conditions on a shared machine. Medians of each.
            PlainRead(input);
            var reads = new List<(double Seconds, double CpuSeconds)>();
            var passes = new List<(double Seconds, double CpuSeconds)>();
            PairsPipelineResult? result = null;
            using var sampler = new MemorySampler(TimeSpan.FromMilliseconds(20));
            for (var pass = 0; pass < TimedPasses; pass++)
            {
                var read = PlainRead(input);
                reads.Add((read.Seconds, read.CpuSeconds));
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var passFolder = Path.Combine(folder, "out" + pass);
                var cpu = CpuSeconds();
                var clock = Stopwatch.StartNew();
                result = await LocalPairsPipeline.RunToFolderAsync(input, passFolder, options, new SplitOptions(), cancellationToken: cancellationToken).ConfigureAwait(false);
                passes.Add((clock.Elapsed.TotalSeconds, CpuSeconds() - cpu));
                Directory.Delete(passFolder, recursive: true);
            }

            sampler.Stop();
            var readSeconds = Median(reads.Select(r => r.Seconds));
            var readCpuSeconds = Median(reads.Select(r => r.CpuSeconds));
            var ingestSeconds = Median(passes.Select(p => p.Seconds));
            var ingestCpuSeconds = Median(passes.Select(p => p.CpuSeconds));

            var megabytes = fileBytes / (1024.0 * 1024.0);
            var line = new Dictionary<string, object?>
            {
                ["bench"] = "ingest",
                ["pairs"] = pairs,
                ["accepted"] = result!.Ingest.Report.Accepted,
                ["file_mb"] = Math.Round(megabytes, 1),
                ["shards"] = result.Ingest.ShardPaths.Count,
                ["train"] = result.Train,
                ["eval"] = result.Eval,
                ["ingest_seconds"] = Math.Round(ingestSeconds, 3),
                ["pairs_per_s"] = Math.Round(pairs / ingestSeconds),
                ["mb_per_s"] = Math.Round(megabytes / ingestSeconds, 1),
                ["read_seconds"] = Math.Round(readSeconds, 3),
                ["read_mb_per_s"] = Math.Round(megabytes / readSeconds, 1),
                ["ratio_to_read"] = Math.Round(readSeconds / ingestSeconds, 3),
                ["cold_ingest_seconds"] = Math.Round(coldSeconds, 3),
                ["cold_ratio_to_read"] = Math.Round(readSeconds / coldSeconds, 3),
                ["timed_passes"] = TimedPasses,

                // On a shared, busy machine wall time mostly measures the neighbours; CPU seconds
                // (all threads of this process) measure the work itself.
                ["ingest_cpu_seconds"] = Math.Round(ingestCpuSeconds, 3),
                ["read_cpu_seconds"] = Math.Round(readCpuSeconds, 3),
                ["cpu_ratio_to_read"] = Math.Round(readCpuSeconds / ingestCpuSeconds, 3),
                ["peak_working_set_mb"] = Math.Round(sampler.PeakWorkingSet / (1024.0 * 1024.0), 1),
                ["peak_managed_mb"] = Math.Round(sampler.PeakManaged / (1024.0 * 1024.0), 1),
                ["peak_live_after_gc_mb"] = Math.Round(sampler.PeakLiveAfterGc / (1024.0 * 1024.0), 1),
                ["cores"] = Environment.ProcessorCount,
            };
            output.WriteLine(JsonSerializer.Serialize(line));
            return result.Ingest.Fatal ? 1 : 0;
        }
        finally
        {
            if (workDir is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>The reference: decode the file as UTF-8 and split it into lines, nothing else.</summary>
    private static (double Seconds, double CpuSeconds, long Lines) PlainRead(string path)
    {
        var cpu = CpuSeconds();
        var clock = Stopwatch.StartNew();
        long lines = 0;
        using var reader = new StreamReader(path, Encoding.UTF8, false, new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
        while (reader.ReadLine() is not null)
        {
            lines++;
        }

        return (clock.Elapsed.TotalSeconds, CpuSeconds() - cpu, lines);
    }

    private static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }
}
