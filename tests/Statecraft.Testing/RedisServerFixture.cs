using Xunit;

namespace Statecraft.Testing;

/// <summary>
/// A real redis-server for one test class (a class fixture over <see cref="RedisServer"/>); tests
/// isolate themselves with their own key prefix or keys.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private RedisServer? _server;

    /// <summary>The port the server listens on.</summary>
    public int Port => Server.Port;

    /// <summary>A StackExchange.Redis configuration string for the server.</summary>
    public string ConnectionString => Server.ConnectionString;

    private RedisServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async ValueTask InitializeAsync() => _server = await RedisServer.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
