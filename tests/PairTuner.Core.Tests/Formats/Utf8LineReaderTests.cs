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
    [InlineData(1, false)]
    [InlineData(1, true)]
    [InlineData(3, false)]
    [InlineData(3, true)]
    [InlineData(7, true)]
    [InlineData(4096, false)]
    [InlineData(4096, true)]
    public async Task Gives_the_same_lines_whether_taken_from_the_buffer_or_read(int bytesPerRead, bool buffered)
    {
        using var stream = new TricklingStream(Encoding.UTF8.GetBytes(Content), bytesPerRead);
        using var reader = new Utf8LineReader(stream, maxLineBytes: 20, initialBufferBytes: 16);
        var lines = new List<(long, bool, string)>();
        while ((buffered && reader.TryReadBufferedLine()) || await reader.ReadLineAsync())
        {
            lines.Add((reader.LineNumber, reader.CurrentTooLong, Encoding.UTF8.GetString(reader.Current.Span)));
        }

        Assert.Equal(Expected, lines);
        Assert.False(reader.TryReadBufferedLine());
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
