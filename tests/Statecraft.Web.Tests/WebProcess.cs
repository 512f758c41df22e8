using System.Diagnostics;
using Statecraft.Testing;

namespace Statecraft.Web.Tests;

/// <summary>The frontend as its own process (as in production), an Orleans client of a Redis-clustered set of silos.</summary>
internal sealed class WebProcess : ServerProcess
{
    private WebProcess(ProcessStartInfo start, int port)
        : base(start)
    {
        Play = new Uri($"http://127.0.0.1:{port}/play/");
    }

    public Uri Play { get; }

    public static async Task<WebProcess> StartAsync(string redisConnectionString, string clusterId, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet");
        foreach (var argument in new[]
        {
            typeof(WebFrontend).Assembly.Location,
            $"--urls=http://127.0.0.1:{port}",
            "--Statecraft:Client:Clustering=Redis",
            $"--Statecraft:Client:RedisConnectionString={redisConnectionString}",
            $"--Statecraft:Client:ClusterId={clusterId}",
            "--Logging:LogLevel:Default=Warning",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var web = new WebProcess(start, port);
        await web.WaitUntilHttpReadyAsync(web.Play, "The web frontend", TimeSpan.FromSeconds(90), cancellationToken);
        return web;
    }
}
