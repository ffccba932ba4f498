using System.Globalization;

namespace PairTuner.Workflow.Api;

/// <summary>Reads a request body into memory, never more than the limit plus one byte (to tell it is over).</summary>
internal static class LimitedBody
{
    public static async Task<byte[]> ReadAsync(Stream? body, long? contentLength, long limit, CancellationToken cancellationToken)
    {
        if (contentLength > limit)
        {
            throw new RequestTooLargeException(Message(limit));
        }

        if (body is null)
        {
            return [];
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new RequestTooLargeException(Message(limit));
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string Message(long limit) =>
        $"The request body is larger than {limit.ToString(CultureInfo.InvariantCulture)} bytes (limit {ApiLimits.SettingsSection}:MaxBodyBytes). "
        + "Upload big pair sets to the pairs container and post { \"input\": \"pairs/NAME\" } instead.";
}
