using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;

namespace Statecraft.Client;

/// <summary>A live subscription to one player's view. Dispose to stop it.</summary>
public sealed class GameSubscription : IGameObserver, IAsyncDisposable
{
    private readonly GameHandle _game;
    private readonly string? _playerId;
    private readonly Func<GameView, Task> _onView;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _deliver = new(1, 1);
    private IGameObserver? _reference;
    private Task? _renewal;
    private long _lastVersion = -1;

    private GameSubscription(GameHandle game, string? playerId, Func<GameView, Task> onView)
    {
        _game = game;
        _playerId = playerId;
        _onView = onView;
    }

    /// <summary>The newest version delivered.</summary>
    public long LastVersion => Interlocked.Read(ref _lastVersion);

    /// <inheritdoc />
    public Task ViewChanged(GameView view) => DeliverAsync(view);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_renewal is not null)
        {
            try
            {
                await _renewal;
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        if (_reference is not null)
        {
            try
            {
                await _game.Grain.Unsubscribe(_reference);
            }
            catch (Exception exception) when (exception is TimeoutException or Orleans.Runtime.SiloUnavailableException)
            {
                // The subscription expires on its own.
            }
        }

        _stop.Dispose();
        _deliver.Dispose();
    }

    internal static async Task<GameSubscription> StartAsync(StatecraftClient client, GameHandle game, string? playerId, Func<GameView, Task> onView, CancellationToken cancellationToken)
    {
        var subscription = new GameSubscription(game, playerId, onView);
        subscription._reference = client.Cluster.CreateObjectReference<IGameObserver>(subscription);
        await subscription.RenewAsync(cancellationToken);
        subscription._renewal = subscription.RenewPeriodicallyAsync(client.Options.SubscriptionRenewal);
        return subscription;
    }

    private async Task RenewPeriodicallyAsync(TimeSpan period)
    {
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            try
            {
                await RenewAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A failover or a brief outage: the next renewal re-subscribes and resyncs.
            }
        }
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        await _game.Grain.Subscribe(_playerId ?? string.Empty, _reference!).WaitAsync(cancellationToken);
        var current = await _game.GetViewAsync(_playerId, LastVersion < 0 ? null : LastVersion, cancellationToken);
        if (current.View is { } view)
        {
            await DeliverAsync(view);
        }
    }

    private async Task DeliverAsync(GameView view)
    {
        await _deliver.WaitAsync();
        try
        {
            // Notifications and resyncs may race; never go backwards.
            if (view.Version <= LastVersion)
            {
                return;
            }

            Interlocked.Exchange(ref _lastVersion, view.Version);
            await _onView(view);
        }
        finally
        {
            _deliver.Release();
        }
    }
}
