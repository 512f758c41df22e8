using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Statecraft.Client;

/// <summary>
/// A client of its own for a tool or script (an operator CLI, a load generator): a small host holding the Orleans
/// client configured from <c>Statecraft:Client:*</c>, connected within a deadline and stopped on dispose. A frontend
/// that has a host already calls <see cref="StatecraftClientServiceCollectionExtensions.AddStatecraftClient"/> instead.
/// </summary>
public sealed class StatecraftConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private StatecraftConnection(IHost host) => _host = host;

    /// <summary>The typed game client.</summary>
    public StatecraftClient Client => _host.Services.GetRequiredService<StatecraftClient>();

    /// <summary>The Orleans client, for the cluster's other grains (flags, management).</summary>
    public IClusterClient ClusterClient => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>
    /// Connects with <paramref name="configuration"/>; throws <see cref="TimeoutException"/> when no gateway answers
    /// within <paramref name="timeout"/>, or what Orleans threw when it gave up earlier. Logs below
    /// <paramref name="minimumLevel"/> are dropped (Orleans logs every failed connection attempt).
    /// </summary>
    public static async Task<StatecraftConnection> ConnectAsync(IConfiguration configuration, TimeSpan timeout, LogLevel minimumLevel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(minimumLevel);
        if (minimumLevel > LogLevel.Warning)
        {
            // A failed start is reported by the tool in one line; the host's own error and stack trace add nothing.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        }

        builder.Services.AddStatecraftClient(builder.Configuration);
        // Ctrl-C belongs to the tool (it may have to put things back before it exits), not to the host's console lifetime.
        builder.Services.AddSingleton<IHostLifetime, ManualLifetime>();
        var host = builder.Build();
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await host.StartAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no gateway answered within {timeout.TotalSeconds:0.#} s.", exception);
            }

            return new StatecraftConnection(host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _host.StopAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A gateway that stopped answering must not keep the tool from exiting.
        }
        finally
        {
            _host.Dispose();
        }
    }

    /// <summary>A host lifetime that ignores console signals.</summary>
    private sealed class ManualLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
