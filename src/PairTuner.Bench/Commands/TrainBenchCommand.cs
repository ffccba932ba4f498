using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PairTuner.Bench.Benchmarks;
using PairTuner.Contracts.Jobs;
using PairTuner.Trainer;
using PairTuner.Training.Runtime;
using PairTuner.Training.Trainer;

namespace PairTuner.Bench.Commands;

/// <summary>
/// <c>pairtuner-bench train</c>: training steps of the real model at batch 32 pairs and sequence
/// 32 and 64, fp32 and bf16, each next to a large matmul in the same precision measured in the same
/// run; peak memory of batch 32 at sequence 128 is measured first. One JSON line per case.
/// </summary>
internal static class TrainBenchCommand
{
    public static Command Create()
    {
        var device = new Option<string>("--device") { Description = "cpu, or cuda when TorchSharp has a GPU.", DefaultValueFactory = _ => "cpu" };
        var model = new Option<string>("--model") { Description = "Model to train (builtin: all-MiniLM-L6-v2).", DefaultValueFactory = _ => "builtin" };
        var steps = new Option<int>("--steps") { Description = "Timed steps per case (after 2 warm-up steps).", DefaultValueFactory = _ => 5 };
        var seqs = new Option<int[]>("--seq") { Description = "Sequence lengths to time.", DefaultValueFactory = _ => [32, 64], AllowMultipleArgumentsPerToken = true };
        var precisions = new Option<string[]>("--precision") { Description = "Precisions to time.", DefaultValueFactory = _ => ["fp32", "bf16"], AllowMultipleArgumentsPerToken = true };
        var batch = new Option<int>("--batch-size") { Description = "Pairs per batch.", DefaultValueFactory = _ => 32 };
        var memorySeq = new Option<int>("--memory-seq") { Description = "Sequence length of the peak-memory case (0 skips it).", DefaultValueFactory = _ => 128 };

        var command = new Command("train", "Benchmarks training steps against a matmul in the same precision, and peak memory.")
        {
            device, model, steps, seqs, precisions, batch, memorySeq,
        };
        command.SetAction(parse =>
        {
            try
            {
                SentenceModels.EnsureDevice(parse.GetValue(device)!);
                var options = new TrainingOptions { Model = parse.GetValue(model)!, Device = parse.GetValue(device)!, MaxSeqLength = 512 };
                using var encoder = EncoderSentenceModel.Load(options);
                var bench = new TrainBenchmark(encoder) { TimedSteps = parse.GetValue(steps) };
                var pairs = parse.GetValue(batch);

                // Peak memory first, before the timed cases leave their own high-water mark in the
                // process: what a training run at this length needs from a fresh start.
                if (parse.GetValue(memorySeq) is > 0 and var seqMemory)
                {
                    var precisionName = parse.GetValue(precisions)![0];
                    var precision = precisionName == "bf16" ? Precision.Bf16 : Precision.Fp32;
                    var before = Process.GetCurrentProcess().PeakWorkingSet64;
                    var seconds = new TrainBenchmark(encoder) { WarmupSteps = 1, TimedSteps = 1 }.TimeSteps(pairs, seqMemory, precision);
                    var peak = Process.GetCurrentProcess().PeakWorkingSet64;
                    Print(new Dictionary<string, object>
                    {
                        ["bench"] = "train",
                        ["case"] = string.Create(CultureInfo.InvariantCulture, $"memory-{precisionName}-seq{seqMemory}"),
                        ["device"] = options.Device,
                        ["batch_pairs"] = pairs,
                        ["seq"] = seqMemory,
                        ["step_seconds"] = Math.Round(seconds, 3),
                        ["peak_working_set_bytes"] = peak,
                        ["peak_working_set_gib"] = Math.Round(peak / (double)(1L << 30), 3),
                        ["peak_before_case_gib"] = Math.Round(before / (double)(1L << 30), 3),
                        ["limit_gib"] = 4,
                        ["under_limit"] = peak < 4L << 30,
                        ["note"] = ComputeDevice.Parse(options.Device).MemoryNote,
                    });
                }

                foreach (var precisionName in parse.GetValue(precisions)!)
                {
                    var precision = precisionName == "bf16" ? Precision.Bf16 : Precision.Fp32;
                    var matmul = bench.MatmulGflops(precision);
                    foreach (var seq in parse.GetValue(seqs)!)
                    {
                        var seconds = bench.TimeSteps(pairs, seq, precision);
                        var gflops = bench.StepFlops(pairs, seq) / seconds / 1e9;
                        var line = new Dictionary<string, object>
                        {
                            ["bench"] = "train",
                            ["case"] = string.Create(CultureInfo.InvariantCulture, $"{precisionName}-seq{seq}"),
                            ["device"] = options.Device,
                            ["precision"] = precisionName,
                            ["batch_pairs"] = pairs,
                            ["seq"] = seq,
                            ["steps"] = bench.TimedSteps,
                            ["steps_per_s"] = Math.Round(1 / seconds, 4),
                            ["pairs_per_s"] = Math.Round(pairs / seconds, 2),
                            ["gflops"] = Math.Round(gflops, 2),
                            ["matmul_gflops"] = Math.Round(matmul, 2),
                            ["ratio_to_matmul_peak"] = Math.Round(gflops / matmul, 4),
                            ["non_embedding_params"] = bench.NonEmbeddingParameters,
                        };
                        if (precision == Precision.Bf16 && ComputeDevice.Parse(options.Device).Bf16Warning(CpuBf16Support.HasMatrixInstructions()) is { } warning)
                        {
                            line["note"] = warning;
                        }

                        Print(line);
                    }
                }

                return 0;
            }
            catch (Exception e) when (e is NotSupportedException or InvalidOperationException or IOException or ArgumentException)
            {
                Console.Error.WriteLine($"pairtuner-bench train: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static void Print(Dictionary<string, object> line) => Console.WriteLine(JsonSerializer.Serialize(line));
}
