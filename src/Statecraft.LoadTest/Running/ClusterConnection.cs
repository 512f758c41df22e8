using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
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
    private readonly StatecraftConnection _connection;

    private ClusterConnection(StatecraftConnection connection) => _connection = connection;

    /// <summary>The connected client.</summary>
    public StatecraftClient Client => _connection.Client;

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
        // Orleans logs every failed call and reconnect; the report counts them, so by default only errors are shown.
        return new ClusterConnection(await StatecraftConnection.ConnectAsync(
            Configuration(options), timeout, options.Verbose ? LogLevel.Warning : LogLevel.Error, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
