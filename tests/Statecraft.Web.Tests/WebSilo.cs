using Statecraft.Testing;

namespace Statecraft.Web.Tests;

/// <summary>The real silo with the frontend co-hosted at /play (as the README's main job), on a fresh data directory.</summary>
public sealed class WebSilo : IAsyncLifetime
{
    private SiloProcess? _silo;

    public SiloProcess Silo => _silo!;

    /// <summary>The frontend's root, <c>http://127.0.0.1:PORT/play/</c>.</summary>
    public Uri Play => new(Silo.BaseAddress, "/play/");

    public async ValueTask InitializeAsync()
    {
        _silo = SiloProcess.Start(typeof(Program).Assembly.Location, "--Statecraft:Web:Enabled=true", "--Logging:LogLevel:Default=Warning");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await _silo.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120));
    }

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
