using Polly;
using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;

namespace Statecraft.Client;

/// <summary>
/// Calls on one game. Each command gets a fresh command id (or the one given) and is retried in transit with that
/// same id, so it is applied at most once however many attempts it takes.
/// </summary>
public sealed class GameHandle
{
    private readonly StatecraftClient _client;
    private readonly ResiliencePipeline _retry;

    internal GameHandle(StatecraftClient client, string gameId, ResiliencePipeline retry)
    {
        _client = client;
        _retry = retry;
        GameId = gameId;
        Grain = client.Cluster.GetGrain<IGameGrain>(gameId);
    }

    /// <summary>The game id.</summary>
    public string GameId { get; }

    /// <summary>The raw grain reference, for calls this handle does not wrap.</summary>
    public IGameGrain Grain { get; }

    /// <summary>Creates the game.</summary>
    public Task<CommandResult> CreateAsync(string playerId, string rulesetId, GameOptions? options = null, Guid? commandId = null, CancellationToken cancellationToken = default) =>
        SendAsync(id => Grain.Create(id, playerId, rulesetId, options ?? GameOptions.Default), commandId, cancellationToken);

    /// <summary>Takes a seat.</summary>
    public Task<CommandResult> JoinAsync(string playerId, Guid? commandId = null, CancellationToken cancellationToken = default) =>
        SendAsync(id => Grain.Join(id, playerId), commandId, cancellationToken);

    /// <summary>Gives up a seat before the start.</summary>
    public Task<CommandResult> LeaveAsync(string playerId, Guid? commandId = null, CancellationToken cancellationToken = default) =>
        SendAsync(id => Grain.Leave(id, playerId), commandId, cancellationToken);

    /// <summary>Starts the game.</summary>
    public Task<CommandResult> StartAsync(string playerId, Guid? commandId = null, CancellationToken cancellationToken = default) =>
        SendAsync(id => Grain.Start(id, playerId), commandId, cancellationToken);

    /// <summary>Makes a move.</summary>
    public Task<CommandResult> MoveAsync(string playerId, Move move, Guid? commandId = null, CancellationToken cancellationToken = default) =>
        SendAsync(id => Grain.SubmitMove(id, playerId, move), commandId, cancellationToken);

    /// <summary>Ends the game early.</summary>
    public Task<CommandResult> AbandonAsync(string playerId, string reason, Guid? commandId = null, CancellationToken cancellationToken = default) =>
        SendAsync(id => Grain.Abandon(id, playerId, reason), commandId, cancellationToken);

    /// <summary>The player's view, or null-view <see cref="ViewResult.NotModified"/> when <paramref name="knownVersion"/> is current.</summary>
    public async Task<ViewResult> GetViewAsync(string? playerId, long? knownVersion = null, CancellationToken cancellationToken = default) =>
        await _retry.ExecuteAsync(async _ => await Grain.GetView(playerId, knownVersion), cancellationToken);

    /// <summary>The moves the player may make now.</summary>
    public async Task<IReadOnlyList<Move>> GetLegalMovesAsync(string playerId, CancellationToken cancellationToken = default) =>
        await _retry.ExecuteAsync(async _ => await Grain.GetLegalMoves(playerId), cancellationToken);

    /// <summary>
    /// Delivers the player's view on every change until disposed. The subscription renews itself (which also
    /// re-subscribes after a failover) and resyncs by version, so a missed notification is caught up.
    /// </summary>
    public Task<GameSubscription> SubscribeAsync(string? playerId, Func<GameView, Task> onView, CancellationToken cancellationToken = default) =>
        GameSubscription.StartAsync(_client, this, playerId, onView, cancellationToken);

    private async Task<CommandResult> SendAsync(Func<Guid, Task<CommandResult>> call, Guid? commandId, CancellationToken cancellationToken)
    {
        var id = commandId ?? Guid.NewGuid();
        return await _retry.ExecuteAsync(async _ => await call(id), cancellationToken);
    }
}
