using System.Net;
using System.Net.Sockets;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PairTuner.Contracts.Storage;
using PairTuner.Workflow.Launchers;
using PairTuner.Workflow.Orchestration;
using PairTuner.Workflow.Storage;
using PairTuner.Workflow;

namespace PairTuner.Cli.Hosting;

/// <summary>
/// The Durable backend of <c>pairtuner run</c> and <c>pairtuner serve</c>: the Azure Storage
/// provider (the same one the Functions app uses) on Azurite or an account, served over gRPC by
/// the in-process task hub server on loopback, with the Durable Task SDK's worker and client
/// connected to it. Orchestrations live in storage, so a run survives a restart of this host.
/// </summary>
public sealed class LocalTaskHub : IAsyncDisposable
{
    private readonly StopOnceOrchestrationService _service;
    private readonly WebApplication _server;
    private readonly GrpcChannel _channel;
    private readonly IHost _worker;

    private LocalTaskHub(StopOnceOrchestrationService service, WebApplication server, GrpcChannel channel, IHost worker, BlobArtifactStore store)
    {
        _service = service;
        _server = server;
        _channel = channel;
        _worker = worker;
        Store = store;
        Client = worker.Services.GetRequiredService<DurableTaskClient>();
        Starter = new RunStarter(Client);
    }

    public DurableTaskClient Client { get; }

    public RunStarter Starter { get; }

    public BlobArtifactStore Store { get; }

    public static async Task<LocalTaskHub> StartAsync(LocalTaskHubOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        loggerFactory ??= Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;

        var storage = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(options.Storage.ConnectionString),
            TaskHubName = options.TaskHubName,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            WorkItemQueueVisibilityTimeout = options.QueueVisibilityTimeout,
            ControlQueueVisibilityTimeout = options.QueueVisibilityTimeout,
            LoggerFactory = loggerFactory,
        });

        // The server never creates the task hub's queues and tables itself.
        await storage.CreateIfNotExistsAsync().ConfigureAwait(false);
        var service = new StopOnceOrchestrationService(storage);

        WebApplication? server = null;
        GrpcChannel? channel = null;
        LocalTaskHub hub;
        try
        {
            var port = FreeLoopbackPort();
            server = BuildServer(service, storage, port, loggerFactory);
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            channel = GrpcChannel.ForAddress(new Uri($"http://127.0.0.1:{port}"));

            var store = BlobArtifactStore.FromSettings(options.Storage);
            var worker = BuildWorker(channel, store, options.Launcher, loggerFactory);
            await worker.StartAsync(cancellationToken).ConfigureAwait(false);
            hub = new LocalTaskHub(service, server, channel, worker, store);
        }
        catch
        {
            channel?.Dispose();
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }

            await service.StopAsync(isForced: true).ConfigureAwait(false);
            throw;
        }

        if (options.ReadyTimeout > TimeSpan.Zero)
        {
            try
            {
                await hub.WaitUntilReadyAsync(options.ReadyTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await hub.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return hub;
    }

    /// <summary>
    /// Runs one no-op orchestration through the hub and waits for it to end, so the first run does
    /// not also wait for the host's start-up: the worker's connection to the server, the storage
    /// provider's partition leases, and the first compilation of the dispatch path. Any end counts
    /// (another host on the same task hub without the probe fails it, which also proves it answers).
    /// </summary>
    /// <returns>False when the hub did not answer within <paramref name="timeout"/>; runs still start, later.</returns>
    public async Task<bool> WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var id = "local-host-ready-" + Guid.NewGuid().ToString("N");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(ReadyProbe, new StartOrchestrationOptions(InstanceId: id), limit.Token).ConfigureAwait(false);
            while (await Client.GetInstanceAsync(id, getInputsAndOutputs: false, limit.Token).ConfigureAwait(false) is not { IsCompleted: true })
            {
                await Task.Delay(ReadyPollInterval, limit.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested
            && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled or StatusCode.DeadlineExceeded })
        {
            // Slow storage (a busy Azurite) is no reason not to start: runs are picked up when it answers.
            return false;
        }

        // The probe is no run; leave no trace of it in the hub's history.
        await Client.PurgeInstanceAsync(id, cancellation: cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The readiness probe's orchestrator, registered on the local worker only.</summary>
    internal const string ReadyProbe = "PairTuner.LocalHostReady";

    private static readonly TimeSpan ReadyPollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Stops in the order that lets in-flight work settle: worker, channel, gRPC server, then the storage service.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _worker.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _worker.Dispose();
            await _channel.ShutdownAsync().ConfigureAwait(false);
            _channel.Dispose();
            await _server.StopAsync().ConfigureAwait(false);
            await _server.DisposeAsync().ConfigureAwait(false);
            await _service.StopAsync(isForced: true).ConfigureAwait(false);
        }
    }

    private static WebApplication BuildServer(StopOnceOrchestrationService service, AzureStorageOrchestrationService client, int port, ILoggerFactory loggerFactory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(client);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        return app;
    }

    private static IHost BuildWorker(GrpcChannel channel, BlobArtifactStore store, ITrainerLauncher launcher, ILoggerFactory loggerFactory)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.Services.AddSingleton<IArtifactStore>(store);
        builder.Services.AddSingleton(launcher);
        builder.Services.AddPairTunerWorkflow();
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(channel);
            worker.AddTasks(tasks => tasks.AddRunTasks().AddOrchestratorFunc(ReadyProbe, _ => Task.CompletedTask));
            worker.Configure(o => o.DataConverter = RunDataConverter.Instance);
        });
        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(channel);
            client.Configure(o => o.DataConverter = RunDataConverter.Instance);
            client.RegisterDirectly();
        });
        return builder.Build();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
