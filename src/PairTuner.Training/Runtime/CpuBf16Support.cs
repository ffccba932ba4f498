namespace PairTuner.Training.Runtime;

/// <summary>
/// Whether this CPU multiplies bfloat16 matrices in hardware (AVX-512 BF16 or AMX). Without either,
/// PyTorch emulates bf16 through float32, often by orders of magnitude slower, and bf16 benchmark
/// ratios say nothing about the training code.
/// </summary>
public static class CpuBf16Support
{
    private static readonly string[] Flags = ["avx512_bf16", "amx_bf16"];

    /// <summary>True when /proc/cpuinfo lists a bf16 matrix flag; null where it cannot be read (not Linux).</summary>
    public static bool? HasMatrixInstructions()
    {
        const string path = "/proc/cpuinfo";
        if (!File.Exists(path)) return null;
        return HasMatrixInstructions(File.ReadLines(path));
    }

    /// <summary>True when a <c>flags</c> line of a cpuinfo listing names a bf16 matrix flag.</summary>
    public static bool HasMatrixInstructions(IEnumerable<string> cpuinfo)
        => cpuinfo.Where(line => line.StartsWith("flags", StringComparison.Ordinal))
            .Any(line => line.Split([' ', '\t', ':'], StringSplitOptions.RemoveEmptyEntries).Intersect(Flags).Any());
}
