using PairTuner.Workflow.Storage;

namespace PairTuner.Workflow.Tests.Storage;

/// <summary>Container creation shared by the artifact store and the run starter, on Azurite.</summary>
public class BlobContainersTests
{
    [Fact]
    public async Task A_container_is_created_once_and_again_after_it_was_deleted_and_forgotten()
    {
        var service = await TestStorage.ConnectAsync();
        var name = "containers-" + Guid.NewGuid().ToString("N")[..12];
        var containers = new BlobContainers(service);
        var client = service.GetBlobContainerClient(name);
        try
        {
            await containers.EnsureAsync(name, CancellationToken.None);
            Assert.True((await client.ExistsAsync()).Value);

            // Remembered: a deleted container is not noticed until it is forgotten.
            await client.DeleteAsync();
            await containers.EnsureAsync(name, CancellationToken.None);
            Assert.False((await client.ExistsAsync()).Value);

            containers.Forget(name);
            await WaitUntilCreatedAsync(containers, name);
            Assert.True((await client.ExistsAsync()).Value);
        }
        finally
        {
            await client.DeleteIfExistsAsync();
        }
    }

    [Fact]
    public async Task A_failed_request_is_sent_again_by_the_next_call()
    {
        var containers = new BlobContainers(await TestStorage.ConnectAsync());

        // An invalid name fails every time; a remembered failure would be the same task again.
        var first = await Assert.ThrowsAnyAsync<Exception>(() => containers.EnsureAsync("Not_A_Valid_Name", CancellationToken.None));
        var second = await Assert.ThrowsAnyAsync<Exception>(() => containers.EnsureAsync("Not_A_Valid_Name", CancellationToken.None));
        Assert.NotSame(first, second);
    }

    // Azurite answers "being deleted" for a moment after a delete; the next call sends the request again.
    private static async Task WaitUntilCreatedAsync(BlobContainers containers, string name)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await containers.EnsureAsync(name, CancellationToken.None);
                return;
            }
            catch (Azure.RequestFailedException) when (attempt < 20)
            {
                await Task.Delay(100);
            }
        }
    }
}
