using System.Text;
using PairTuner.Core.Formats;

namespace PairTuner.Core.Tests.Formats;

public class Utf8LineReaderTests
{
    private const string Content = "first\r\nsecond\n\nthis line is far too long for the limit\nlast without end";

    private static readonly (long Number, bool TooLong, string Text)[] Expected =
    [
        (1, false, "first"),
        (2, false, "second"),
        (3, false, ""),
        (4, true, ""),
        (5, false, "last without end"),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Gives_the_same_lines_however_the_stream_hands_out_its_bytes(int bytesPerRead)
    {
        using var stream = new TricklingStream(Encoding.UTF8.GetBytes(Content), bytesPerRead);
        var reader = new Utf8LineReader(stream, maxLineBytes: 20);
        var lines = new List<(long, bool, string)>();
        while (await reader.ReadLineAsync())
        {
            lines.Add((reader.LineNumber, reader.CurrentTooLong, Encoding.UTF8.GetString(reader.Current.Span)));
        }

        Assert.Equal(Expected, lines);
        Assert.False(await reader.ReadLineAsync());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    public async Task The_limit_counts_the_line_without_its_line_end(int bytesPerRead)
    {
        var exact = new string('x', 20);
        var over = new string('y', 21);
        using var stream = new TricklingStream(Encoding.UTF8.GetBytes($"{exact}\r\n{over}\n{exact}\n{over}"), bytesPerRead);
        var reader = new Utf8LineReader(stream, maxLineBytes: 20);
        var lines = new List<(bool, string)>();
        while (await reader.ReadLineAsync())
        {
            lines.Add((reader.CurrentTooLong, Encoding.UTF8.GetString(reader.Current.Span)));
        }

        Assert.Equal([(false, exact), (true, ""), (false, exact), (true, "")], lines);
    }

    /// <summary>A stream that hands out at most a few bytes per read, as a network stream may.</summary>
    private sealed class TricklingStream(byte[] content, int most) : MemoryStream(content)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, most));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, most)]);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => base.ReadAsync(buffer, offset, Math.Min(count, most), cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => base.ReadAsync(buffer[..Math.Min(buffer.Length, most)], cancellationToken);
    }
}
