using PairTuner.Training.Runtime;

namespace PairTuner.Training.Tests.Runtime;

public class CpuBf16SupportTests
{
    [Fact]
    public void An_avx2_only_cpu_has_no_bf16_matrix_instructions()
    {
        string[] cpuinfo = ["processor\t: 0", "model name\t: AMD EPYC", "flags\t\t: fpu sse2 avx avx2 fma avx512f avx512bw", "bugs\t\t: sysret_ss_attrs"];
        Assert.False(CpuBf16Support.HasMatrixInstructions(cpuinfo));
    }

    [Theory]
    [InlineData("flags\t\t: fpu avx2 avx512f avx512_bf16 avx512_vnni")]
    [InlineData("flags\t\t: fpu avx2 amx_bf16 amx_tile amx_int8")]
    public void Avx512_bf16_or_amx_counts(string flags)
        => Assert.True(CpuBf16Support.HasMatrixInstructions(["processor\t: 0", flags]));

    [Fact]
    public void A_flag_named_in_another_line_does_not_count()
        => Assert.False(CpuBf16Support.HasMatrixInstructions(["model name\t: avx512_bf16 lookalike", "flags\t\t: avx2"]));
}
