using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Statecraft.Testing;

namespace Statecraft.Observability.Tests;

/// <summary>
/// An HTTP listener on a free loopback port standing in for the pager and the ticket system (or an OTLP collector): it
/// keeps every body posted to it with the path it came to.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();
    private readonly Task _loop;

    public WebhookReceiver()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>Waits for a JSON post to <paramref name="path"/> whose body satisfies <paramref name="match"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string path, Func<JsonElement, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var body = await WaitForRawAsync(path, raw => TryParse(raw) is { } json && match(json), timeout, cancellationToken);
        return TryParse(body)!.Value;
    }

    /// <summary>Waits for a post to <paramref name="path"/> whose raw body satisfies <paramref name="match"/>.</summary>
    public async Task<byte[]> WaitForRawAsync(string path, Func<byte[], bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var (received, body) in _received)
            {
                if (received == path && match(body))
                {
                    return body;
                }
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"Nothing matching arrived at {path} within {timeout}; received:\n{string.Join("\n", _received.Select(r => $"{r.Path} {System.Text.Encoding.UTF8.GetString(r.Body)}"))}");
    }

    /// <summary>Every body received at <paramref name="path"/> so far, concatenated.</summary>
    public byte[] AllReceivedAt(string path) => [.. _received.Where(r => r.Path == path).SelectMany(r => r.Body)];

    private static JsonElement? TryParse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var body = new MemoryStream())
            {
                await context.Request.InputStream.CopyToAsync(body).ConfigureAwait(false);
                _received.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }
}
