using System.Globalization;
using System.Runtime.CompilerServices;

namespace PairTuner.Core.Serialization;

/// <summary>
/// Writes a double as the shortest text that reads back as the same double: the bytes of
/// <c>value.TryFormat(utf8, "R", InvariantCulture)</c>, which every score and label in a shard or
/// split is written with. Scores and labels are nearly all between 0.00025 and 1, where this
/// finds the digits with exact 64-bit integer arithmetic, several times faster than the general
/// formatter (which showed as 5-8% of the pairs pipeline's CPU). Any other value, and the rare
/// one whose answer sits exactly on a rounding boundary, goes to the runtime's formatter.
/// </summary>
[SkipLocalsInit]
public static class ShortestDouble
{
    /// <summary>Room enough for any value: "-1.7976931348623157E+308".</summary>
    public const int MaxBytes = 32;

    private const int Digits = 17;
    private const ulong HiddenBit = 1UL << 52;

    private static readonly ulong[] PowersOfTen = [.. Enumerable.Range(0, 20).Select(i => (ulong)Math.Pow(10, i))];

    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/> (at least <see cref="MaxBytes"/> long); returns the bytes written.</summary>
    public static int Format(double value, Span<byte> destination)
    {
        if (!TryFormatUnitInterval(value, destination, out var written))
        {
            value.TryFormat(destination, out written, "R", CultureInfo.InvariantCulture);
        }

        return written;
    }

    /// <summary>
    /// The fast path, for values in [2^-12, 1) whose significand is not a power of two (those
    /// have a lopsided rounding interval): false, writing nothing, for anything else.
    /// </summary>
    internal static bool TryFormatUnitInterval(double value, Span<byte> destination, out int written)
    {
        written = 0;
        var bits = BitConverter.DoubleToUInt64Bits(value);
        var exponent = (int)(bits >> 52);
        var fraction = bits & (HiddenBit - 1);
        if (exponent >= 1023 || exponent < 1011 || fraction == 0)
        {
            return false;
        }

        // value = m / 2^shift exactly, with shift from 53 to 64.
        var m = fraction | HiddenBit;
        var shift = 1075 - exponent;

        // value * 10^scale has 17 digits before the point. Each constant is a double just above
        // its power of ten, so the comparisons split the doubles exactly at the powers.
        var scale = value >= 0.1 ? 17 : value >= 0.01 ? 18 : value >= 0.001 ? 19 : 20;

        // value * 10^scale = whole + rest / 2^64, exactly.
        var high = Math.BigMul(m, PowersOfTen[Math.Min(scale, 19)], out var low);
        if (scale == 20)
        {
            high = (high * 10) + Math.BigMul(low, 10, out low);
        }

        var whole = shift == 64 ? high : (high << (64 - shift)) | (low >> shift);
        var rest = shift == 64 ? low : low << (64 - shift);

        // Half the gap to the neighbouring doubles, in units of 2^-64 of the last digit: a
        // decimal closer than this to the value reads back as it.
        var power = (UInt128)PowersOfTen[Math.Min(scale, 19)] * (scale == 20 ? 10UL : 1UL);
        var halfGap = shift == 64 ? power >> 1 : power << (63 - shift);

        var (gapHigh, gapLow) = ((ulong)(halfGap >> 64), (ulong)halfGap);

        // The 17 digits go straight where they will be printed: after "0." and the zeros.
        var leadingZeros = scale - Digits;
        var digits = destination.Slice(2 + leadingZeros, Digits);
        whole.TryFormat(digits, out _, default, CultureInfo.InvariantCulture);

        // Fewer digits read back whenever more do (append zeros), so the shortest is found by
        // stepping down from 16 until a count fails; random labels mostly need 16 or 17.
        var count = 0;
        var roundUp = false;
        var below = 0UL;
        for (var candidate = Digits - 1; candidate >= 1; candidate--)
        {
            below += (ulong)(digits[candidate] - '0') * PowersOfTen[Digits - 1 - candidate];
            var unit = PowersOfTen[Digits - candidate];
            var half = unit / 2;
            if (below == half && rest == 0)
            {
                return false;
            }

            // The distance to the rounded decimal, as a 128-bit number in two halves.
            var up = below > half || (below == half && rest != 0);
            var distanceHigh = up ? unit - below - (rest != 0 ? 1UL : 0UL) : below;
            var distanceLow = up ? 0UL - rest : rest;
            if (distanceHigh == gapHigh && distanceLow == gapLow)
            {
                return false;
            }

            if (distanceHigh > gapHigh || (distanceHigh == gapHigh && distanceLow > gapLow))
            {
                break;
            }

            (count, roundUp) = (candidate, up);
        }

        if (count == 0)
        {
            // Not even 16 digits read back: all 17, as they are or rounded by the rest.
            if (rest == 1UL << 63)
            {
                return false;
            }

            (count, roundUp) = (Digits, rest > 1UL << 63);
            if ((roundUp ? (UInt128.One << 64) - rest : rest) >= halfGap)
            {
                return false;
            }
        }

        written = Finish(destination, leadingZeros, count, roundUp);
        return true;
    }

    // The digits are in place after room for "0." and the zeros: writes those, keeps count
    // digits, rounds the last one up if asked (a carry out of the first digit gives "1" from
    // 0.99…, or "0.1", "0.01" …) and drops trailing zeros.
    private static int Finish(Span<byte> destination, int leadingZeros, int count, bool roundUp)
    {
        var start = 2 + leadingZeros;
        var end = start + count;
        destination[0] = (byte)'0';
        destination[1] = (byte)'.';
        destination[2..start].Fill((byte)'0');
        if (roundUp)
        {
            var at = end - 1;
            while (at >= start && destination[at] == (byte)'9')
            {
                destination[at--] = (byte)'0';
            }

            if (at >= start)
            {
                destination[at]++;
            }
            else if (leadingZeros == 0)
            {
                destination[0] = (byte)'1';
                return 1;
            }
            else
            {
                destination[start - 1] = (byte)'1';
                end = start;
            }
        }

        while (destination[end - 1] == (byte)'0')
        {
            end--;
        }

        return end;
    }
}
