using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Statecraft.Client;
using Statecraft.LoadTest.Options;

namespace Statecraft.LoadTest.Running;

/// <summary>
/// The connection to the cluster: a host holding the Statecraft client (<c>AddStatecraftClient</c>) pointed at
/// <c>localhost:--gateway-port</c>. Other client settings (cluster id, timeouts) can come from
/// <c>Statecraft__Client__*</c> environment variables.
/// </summary>
internal sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterConnection(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<StatecraftClient>();
    }

    /// <summary>The connected client.</summary>
    public StatecraftClient Client { get; }

    /// <summary>The configuration the client is built from: environment variables, then the command line's port on top.</summary>
    public static IConfiguration Configuration(LoadTestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{StatecraftClientOptions.SectionName}:GatewayPort"] = options.GatewayPort.ToString(CultureInfo.InvariantCulture),
            })
            .Build();
    }

    /// <summary>Where the client will look for gateways, for messages: <c>localhost:30000</c>, or the clustering named in the environment.</summary>
    public static string Target(LoadTestOptions options)
    {
        var clustering = Configuration(options)[$"{StatecraftClientOptions.SectionName}:Clustering"];
        return clustering is null or "Localhost"
            ? string.Create(CultureInfo.InvariantCulture, $"localhost:{options.GatewayPort}")
            : $"the cluster ({clustering} clustering)";
    }

    /// <summary>Connects, or throws (<see cref="TimeoutException"/> when no gateway answers within <paramref name="timeout"/>).</summary>
    public static async Task<ClusterConnection> ConnectAsync(LoadTestOptions options, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddConfiguration(Configuration(options));
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

        // Orleans logs every failed call and reconnect; the report counts them, so by default only errors are shown.
        builder.Logging.SetMinimumLevel(options.Verbose ? LogLevel.Warning : LogLevel.Error);
        if (!options.Verbose)
        {
            // A failed start is reported by the load test in one line; the host's stack trace adds nothing.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        }
        builder.Services.AddStatecraftClient(builder.Configuration);

        // Ctrl-C belongs to the load test (it must restore flags before exiting), not to the host's console lifetime.
        builder.Services.AddSingleton<IHostLifetime, ManualLifetime>();

        var host = builder.Build();
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await host.StartAsync(deadline.Token);
            }
            catch (OperationCanceledException exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no gateway answered within {DurationParser.Format(timeout)}.", exception);
            }

            return new ClusterConnection(host);
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
            await _host.StopAsync(deadline.Token);
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
