using System.Collections.Immutable;
using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;
using Statecraft.Engine.Core;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Engine.Simulation;

namespace Statecraft.Benchmarks.Recovery;

/// <summary>
/// An active 4-player Oh Hell game that a client plays random legal moves on. The client mirrors the game's state: it
/// decides each command on its mirror with the same command id the grain decides it with, and the engine draws its
/// randomness (the deals) from the command id, so the mirror follows the grain without reading it back. A command that
/// fails is resent with the same id, as a client must, so the mirror never runs ahead of what the grain applied.
/// </summary>
internal sealed class HotGame(IGrainFactory grains, string gameId, ulong seed)
{
    private static readonly string[] Players = ["player-00", "player-01", "player-02", "player-03"];

    private readonly IGameGrain _grain = grains.GetGrain<IGameGrain>(gameId);
    private readonly DeterministicRandom _random = new(seed);
    private GameState _state = GameDecider.Initial(gameId);
    private GameCommand? _pending;

    /// <summary>Whether the game has ended (a long schedule makes that take minutes at the side load's pace).</summary>
    public bool IsOver => _state.Phase.IsTerminal;

    /// <summary>Creates, seats and starts the game, then plays <paramref name="moves"/> moves, one at a time.</summary>
    public async Task StartAsync(int moves)
    {
        var options = GameOptions.Default with
        {
            // The longest schedule the ruleset allows, so a game outlasts the run.
            Settings = ImmutableSortedDictionary<string, string>.Empty
                .Add(OhHellConfig.MaxPlayersKey, "4")
                .Add(OhHellConfig.HandSizesKey, string.Join(",", Enumerable.Repeat("10", 30))),
        };
        await SendAsync(Players[0], new CreateGame(OhHellRules.RulesetId, options));
        foreach (var player in Players)
        {
            await SendAsync(player, new JoinGame());
        }

        await SendAsync(Players[0], new StartGame());
        for (var i = 0; i < moves; i++)
        {
            await PlayNextAsync();
        }
    }

    /// <summary>Sends the next move (or resends the one that failed last time); true when the grain applied it.</summary>
    public Task<bool> PlayNextAsync()
    {
        if (_pending is null)
        {
            var movers = RandomBot.PlayersToMove(GameDecider.Default, _state).ToList();
            var player = movers[_random.Next(movers.Count)];
            return SendAsync(player, new MakeMove(RandomBot.ChooseMove(GameDecider.Default, _state, player, _random)!));
        }

        return SendAsync(_pending);
    }

    private Task<bool> SendAsync(string player, GameAction action) => SendAsync(new GameCommand(Guid.NewGuid(), player, DateTimeOffset.UtcNow, action));

    private async Task<bool> SendAsync(GameCommand command)
    {
        _pending = command;
        CommandResult result;
        try
        {
            result = await _grain.Execute(command);
        }
        catch (Exception exception) when (exception is TimeoutException or GameStorageUnavailableException or OrleansException)
        {
            return false;
        }

        var decision = GameDecider.Default.Decide(_state, command);
        if (!result.Accepted || !decision.IsAccepted)
        {
            throw new InvalidOperationException($"{_grain.GetPrimaryKeyString()} refused {command.Action} by {command.PlayerId} at v{_state.Version}: grain {result}, mirror {decision.Rejection}");
        }

        _state = GameDecider.Default.Fold(_state, decision.Events);
        _pending = null;
        if (result.Version != _state.Version)
        {
            throw new InvalidOperationException($"{_grain.GetPrimaryKeyString()} is at v{result.Version} but its mirror at v{_state.Version}.");
        }

        return true;
    }
}
