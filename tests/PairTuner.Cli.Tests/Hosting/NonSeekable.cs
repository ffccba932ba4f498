namespace PairTuner.Cli.Tests.Hosting;

/// <summary>Bytes as a stream whose length is unknown, so HttpClient sends them chunked.</summary>
internal sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
{
    public override bool CanSeek => false;
}
