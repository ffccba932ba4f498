using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using PairTuner.Core.Formats;
using PairTuner.Core.Streams;
using PairTuner.Core.Validation;

namespace PairTuner.Core.Ingestion;

/// <summary>
/// A pairs file as checked blocks in file order. JSON Lines, the format large files come in, is
/// read on one thread and parsed and checked on all cores, a block at a time, with a bounded
/// number of blocks in flight (memory stays a few megabytes whatever the file). The other formats
/// are read by their string-based readers and checked on the reading thread.
/// </summary>
internal static class CheckedBlockSource
{
    private const int RowsPerBlock = 256;

    /// <summary>
    /// The blocks, in order. A reader's fatal error (<see cref="PairsFileException"/>, a file over
    /// the size limit) is thrown after every block before it has been handed out.
    /// </summary>
    public static IAsyncEnumerable<CheckedBlock> ReadAsync(Stream stream, PairsFormat format, BlockCheck check, CancellationToken cancellationToken)
        => format == PairsFormat.JsonLines
            ? CheckLinesInParallelAsync(stream, check, cancellationToken)
            : CheckRowsAsync(PairsReader.ReadAsync(stream, format, check.File, check.Limits, cancellationToken), check, cancellationToken);

    private static async IAsyncEnumerable<CheckedBlock> CheckLinesInParallelAsync(Stream stream, BlockCheck check, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inFlight = Channel.CreateBounded<Task<CheckedBlock>>(new BoundedChannelOptions(Environment.ProcessorCount * 2) { SingleReader = true, SingleWriter = true });
        ExceptionDispatchInfo? readFailure = null;
        var reader = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var block in JsonLinesPairsReader.ReadBlocksAsync(stream, check.Limits, stop.Token).ConfigureAwait(false))
                    {
                        var lines = block;
                        await inFlight.Writer.WriteAsync(
                            Task.Run(
                                () =>
                                {
                                    using (lines)
                                    {
                                        return check.Check(lines);
                                    }
                                },
                                CancellationToken.None),
                            stop.Token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // The consumer stopped early: nothing left to report.
                }
                catch (Exception e)
                {
                    readFailure = ExceptionDispatchInfo.Capture(e);
                }
                finally
                {
                    inFlight.Writer.Complete();
                }
            },
            CancellationToken.None);

        try
        {
            while (await inFlight.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (inFlight.Reader.TryRead(out var next))
                {
                    yield return await next.ConfigureAwait(false);
                }
            }

            await reader.ConfigureAwait(false);
            readFailure?.Throw();
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await reader.ConfigureAwait(false);
            while (inFlight.Reader.TryRead(out var left))
            {
                (await left.ConfigureAwait(false)).Dispose();
            }
        }
    }

    private static async IAsyncEnumerable<CheckedBlock> CheckRowsAsync(IAsyncEnumerable<PairRow> rows, BlockCheck check, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<PairRow>(RowsPerBlock);
        ExceptionDispatchInfo? readFailure = null;
        var enumerator = rows.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is PairsFileException or FileTooLargeException)
                {
                    // Rows read before the failure still count: hand them out first.
                    readFailure = ExceptionDispatchInfo.Capture(e);
                    more = false;
                }

                if (more)
                {
                    batch.Add(enumerator.Current);
                }

                if (batch.Count == RowsPerBlock || (!more && batch.Count > 0))
                {
                    yield return check.Check(batch);
                    batch.Clear();
                }

                if (!more)
                {
                    break;
                }
            }
        }

        readFailure?.Throw();
    }
}
