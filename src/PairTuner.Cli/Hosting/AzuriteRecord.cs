using System.Diagnostics;
using System.Text.Json;

namespace PairTuner.Cli.Hosting;

/// <summary>
/// What a host writes beside the Azurite data it started (<c>pairtuner-azurite.json</c>): whose it
/// is and where it listens, so the next host on that folder can name it, or stop it when its host
/// died without cleaning up.
/// </summary>
internal sealed record AzuriteRecord(int HostProcessId, int AzuriteProcessId, long AzuriteStartTicks, int BlobPort, int QueuePort, int TablePort)
{
    public static AzuriteRecord? TryRead(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<AzuriteRecord>(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            // Missing, or cut short by a killed host: nothing known to act on.
            return null;
        }
    }

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this));

    /// <summary>The Azurite process this record names, if it still runs (same pid, start time within a second: each process reads the boot time itself, so exact ticks differ).</summary>
    public Process? FindAzurite()
    {
        try
        {
            var process = Process.GetProcessById(AzuriteProcessId);
            if (!process.HasExited && Math.Abs(process.StartTime.ToUniversalTime().Ticks - AzuriteStartTicks) < TimeSpan.TicksPerSecond)
            {
                return process;
            }

            process.Dispose();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Gone, or exited while we looked.
        }

        return null;
    }
}
