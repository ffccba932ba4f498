using System.Globalization;
using System.Text;
using PairTuner.Core.Serialization;

namespace PairTuner.Core.Tests.Serialization;

public class ShortestDoubleTests
{
    [Fact]
    public void Writes_what_the_runtime_writes_for_a_million_random_values_in_the_unit_interval()
    {
        var random = new Random(17);
        for (var i = 0; i < 1_000_000; i++)
        {
            AssertSame(random.NextDouble());
        }
    }

    [Fact]
    public void Answers_nearly_every_unit_interval_value_itself()
    {
        var random = new Random(19);
        var buffer = new byte[ShortestDouble.MaxBytes];
        var own = Enumerable.Range(0, 100_000).Count(_ => ShortestDouble.TryFormatUnitInterval((random.NextDouble() * 0.99975) + 0.00025, buffer, out _));
        Assert.True(own >= 99_990, $"{own} of 100,000 formatted without the runtime");
    }

    [Fact]
    public void Writes_what_the_runtime_writes_for_short_decimals_and_their_neighbours()
    {
        var random = new Random(23);
        for (var i = 0; i < 200_000; i++)
        {
            // Scores as people write them: a few digits, often fewer than 17.
            var digits = random.Next(1, 18);
            var text = "0." + new string('0', random.Next(0, 4)) + string.Concat(Enumerable.Range(0, digits).Select(_ => (char)('0' + random.Next(10))));
            var value = double.Parse(text, CultureInfo.InvariantCulture);
            AssertSame(value);
            AssertSame(Math.BitIncrement(value));
            AssertSame(Math.BitDecrement(value));
        }
    }

    [Fact]
    public void Writes_what_the_runtime_writes_at_the_edges_and_outside_its_fast_range()
    {
        double[] edges =
        [
            0, -0.0, 1, -1, 0.5, 0.25, 0.1, 0.2, 0.3, 0.9, 0.875, 0.0001, 0.00009999999999999999, 0.00010000000000000002,
            1e-5, 0.001, 0.01, 0.99999999999999989, Math.BitDecrement(1.0), Math.BitDecrement(0.1), Math.BitIncrement(0.1),
            2.5, 4.75, 5, 123456.789, 1e15, 1e16, 1e300, 5e-324, double.Epsilon, double.MaxValue, double.MinValue,
            double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.598, 0.598, 0.9 + ((0.3 - 0.5) / 20),
        ];
        foreach (var value in edges)
        {
            AssertSame(value);
        }

        // Every power of two (a lopsided rounding interval) and every exponent, at random.
        var random = new Random(29);
        for (var exponent = -1074; exponent <= 1023; exponent++)
        {
            AssertSame(Math.ScaleB(1, exponent));
            AssertSame(Math.ScaleB(1 + random.NextDouble(), exponent));
        }
    }

    private static void AssertSame(double value)
    {
        Span<byte> expected = stackalloc byte[ShortestDouble.MaxBytes];
        Span<byte> actual = stackalloc byte[ShortestDouble.MaxBytes];
        Assert.True(value.TryFormat(expected, out var expectedLength, "R", CultureInfo.InvariantCulture));
        var length = ShortestDouble.Format(value, actual);
        if (!actual[..length].SequenceEqual(expected[..expectedLength]))
        {
            Assert.Fail($"{BitConverter.DoubleToInt64Bits(value):X16}: expected {Encoding.ASCII.GetString(expected[..expectedLength])}, wrote {Encoding.ASCII.GetString(actual[..length])}");
        }
    }
}
