using Microsoft.Extensions.Configuration;
using Statecraft.Client;
using Statecraft.Testing;

namespace Statecraft.Observability.Tests;

/// <summary>Starting the real silo executable and connecting the client library to it, as these tests all do.</summary>
internal static class Silos
{
    private static string SiloDll => typeof(global::Program).Assembly.Location;

    /// <summary>Starts a silo (on its SQLite default unless the arguments say otherwise) and waits until it is ready.</summary>
    public static Task<SiloProcess> StartAsync(params string[] arguments) => StartAsync(new Dictionary<string, string>(), arguments);

    /// <summary>Starts a silo with extra environment variables and waits until it is ready.</summary>
    public static async Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var silo = SiloProcess.StartWithEnvironment(SiloDll, environment, arguments);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await silo.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);
        return silo;
    }

    /// <summary>A client of the silo's gateway on this machine.</summary>
    public static Task<StatecraftConnection> ConnectAsync(SiloProcess silo) =>
        ConnectAsync(ClusterAddress.Parse($"localhost:{silo.GatewayPort}").Settings);

    /// <summary>A client configured by <c>Statecraft:Client:*</c> <paramref name="settings"/>.</summary>
    public static Task<StatecraftConnection> ConnectAsync(IEnumerable<KeyValuePair<string, string?>> settings) =>
        StatecraftConnection.ConnectAsync(
            new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), TimeSpan.FromSeconds(30), Microsoft.Extensions.Logging.LogLevel.None, CancellationToken.None);
}
