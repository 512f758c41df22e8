using Statecraft.Abstractions.Games;
using Statecraft.Engine.Events;

namespace Statecraft.Engine.Core;

public sealed partial class GameDecider
{
    /// <summary>
    /// Decides what <paramref name="command"/> does to <paramref name="state"/>: the events to record, stamped with
    /// the command's time, or a typed rejection. Never throws for bad input and never changes <paramref name="state"/>.
    /// </summary>
    public Decision Decide(GameState state, GameCommand command)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (CheckEnvelope(command) is { } malformed)
        {
            return malformed;
        }

        var decision = command.Action switch
        {
            CreateGame create => DecideCreate(state, create),
            _ when state.Phase == GamePhase.NotCreated => Decision.Reject(RejectionCode.GameNotFound, $"No game '{state.GameId}' has been created."),
            _ when state.Phase.IsTerminal => Decision.Reject(RejectionCode.GameOver, $"Game '{state.GameId}' is {state.Phase} and accepts no commands."),
            JoinGame => DecideJoin(state, command.PlayerId),
            LeaveGame => DecideLeave(state, command.PlayerId),
            StartGame => DecideStart(state, command),
            AbandonGame abandon => DecideAbandon(state, command.PlayerId, abandon),
            MakeMove move => DecideMove(state, command, move.Move),
            _ => Decision.Reject(RejectionCode.MalformedCommand, $"Unknown action {command.Action.GetType().Name}."),
        };
        return decision.IsAccepted ? Stamp(decision, command.IssuedAt) : decision;
    }

    private static Decision? CheckEnvelope(GameCommand? command)
    {
        if (command is null)
        {
            return Decision.Reject(RejectionCode.MalformedCommand, "The command is missing.");
        }

        if (command.CommandId == Guid.Empty)
        {
            return Decision.Reject(RejectionCode.MalformedCommand, "The command id must not be empty.");
        }

        if (!GameLimits.IsValidPlayerId(command.PlayerId))
        {
            return Decision.Reject(RejectionCode.InvalidPlayerId, GameLimits.DescribeInvalidPlayerId(command.PlayerId));
        }

        return command.Action is null ? Decision.Reject(RejectionCode.MalformedCommand, "The command has no action.") : (Decision?)null;
    }

    private Decision DecideCreate(GameState state, CreateGame create)
    {
        if (state.Phase != GamePhase.NotCreated)
        {
            return Decision.Reject(RejectionCode.GameAlreadyExists, $"Game '{state.GameId}' already exists.");
        }

        if (!GameLimits.IsValidGameId(state.GameId))
        {
            return Decision.Reject(RejectionCode.InvalidGameId, GameLimits.DescribeInvalidGameId(state.GameId));
        }

        if (create.RulesetId is not { Length: > 0 and <= GameLimits.MaxRulesetIdLength } || !Rulesets.TryGet(create.RulesetId, out var ruleset))
        {
            return Decision.Reject(RejectionCode.UnknownRuleset, $"Unknown ruleset {GameLimits.Echo(create.RulesetId)}. Known: {string.Join(", ", Rulesets.Ids)}.");
        }

        var options = create.Options ?? GameOptions.Default;
        if (options.TurnTimeout is { } timeout && (timeout < GameLimits.MinTurnTimeout || timeout > GameLimits.MaxTurnTimeout))
        {
            return Decision.Reject(RejectionCode.InvalidOptions,
                $"The turn timeout must be from {GameLimits.MinTurnTimeout.TotalSeconds} second to {GameLimits.MaxTurnTimeout.TotalDays} days (was {timeout}).");
        }

        if (options.Settings is null || options.Settings.Count > GameLimits.MaxSettings)
        {
            return Decision.Reject(RejectionCode.InvalidOptions, $"At most {GameLimits.MaxSettings} settings are accepted.");
        }

        foreach (var (key, value) in options.Settings)
        {
            if (key.Length is 0 or > GameLimits.MaxSettingKeyLength || value is null || value.Length > GameLimits.MaxSettingValueLength)
            {
                return Decision.Reject(RejectionCode.InvalidOptions,
                    $"Setting {GameLimits.Echo(key)} is too long: keys take 1 to {GameLimits.MaxSettingKeyLength} characters, values at most {GameLimits.MaxSettingValueLength}.");
            }
        }

        var configured = ruleset.Configure(options);
        return configured.IsSuccess ? Decision.Accept(new GameCreated(ruleset.Id, options)) : configured.Rejection;
    }

    private Decision DecideJoin(GameState state, string playerId)
    {
        if (state.Phase != GamePhase.Lobby)
        {
            return Decision.Reject(RejectionCode.GameInProgress, "Seats are fixed once the game has started.");
        }

        if (state.SeatOf(playerId) >= 0)
        {
            return Decision.Reject(RejectionCode.AlreadyJoined, $"Player {GameLimits.Echo(playerId)} is already seated.");
        }

        var max = RulesetOf(state).MaxPlayers(state);
        return state.Players.Count >= max
            ? Decision.Reject(RejectionCode.GameFull, $"All {max} seats are taken.")
            : Decision.Accept(new PlayerJoined(playerId));
    }

    private static Decision DecideLeave(GameState state, string playerId)
    {
        if (state.SeatOf(playerId) < 0)
        {
            return UnknownPlayer(playerId);
        }

        return state.Phase == GamePhase.Lobby
            ? Decision.Accept(new PlayerLeft(playerId))
            : Decision.Reject(RejectionCode.GameInProgress, "Players cannot leave a started game; abandon it instead.");
    }

    private Decision DecideStart(GameState state, GameCommand command)
    {
        if (state.SeatOf(command.PlayerId) < 0)
        {
            return UnknownPlayer(command.PlayerId);
        }

        if (state.Phase != GamePhase.Lobby)
        {
            return Decision.Reject(RejectionCode.WrongPhase, $"The game has already started ({state.Phase}).");
        }

        if (state.Players[0] != command.PlayerId)
        {
            return Decision.Reject(RejectionCode.NotHost, $"Only the host '{state.Players[0]}' may start the game.");
        }

        var ruleset = RulesetOf(state);
        if (state.Players.Count < ruleset.MinPlayers)
        {
            return Decision.Reject(RejectionCode.NotEnoughPlayers, $"At least {ruleset.MinPlayers} players are needed; {state.Players.Count} seated.");
        }

        var opening = ruleset.Start(state, new DecisionContext(command));
        return opening.IsAccepted
            ? Decision.Accept([new GameStarted(command.PlayerId), .. opening.Events.AsImmutableArray()])
            : opening;
    }

    private static Decision DecideAbandon(GameState state, string playerId, AbandonGame abandon)
    {
        if (state.SeatOf(playerId) < 0)
        {
            return UnknownPlayer(playerId);
        }

        var reason = abandon.Reason ?? string.Empty;
        return reason.Length > GameLimits.MaxReasonLength
            ? Decision.Reject(RejectionCode.MalformedCommand, $"The reason must be at most {GameLimits.MaxReasonLength} characters.")
            : Decision.Accept(new GameAbandoned(playerId, reason));
    }

    private Decision DecideMove(GameState state, GameCommand command, Move? move)
    {
        if (move is null || string.IsNullOrWhiteSpace(move.Kind) || move.Kind.Length > GameLimits.MaxMoveKindLength
            || move.Payload?.Length > GameLimits.MaxMovePayloadLength)
        {
            return Decision.Reject(RejectionCode.MalformedCommand,
                $"A move needs a kind of 1 to {GameLimits.MaxMoveKindLength} characters and a payload of at most {GameLimits.MaxMovePayloadLength}.");
        }

        if (state.SeatOf(command.PlayerId) < 0)
        {
            return UnknownPlayer(command.PlayerId);
        }

        if (state.Phase == GamePhase.Lobby)
        {
            return Decision.Reject(RejectionCode.WrongPhase, "The game has not started yet.");
        }

        return RulesetOf(state).DecideMove(state, move, new DecisionContext(command));
    }

    private static Decision UnknownPlayer(string playerId) =>
        Decision.Reject(RejectionCode.UnknownPlayer, $"Player {GameLimits.Echo(playerId)} is not seated in this game.");

    private static Decision Stamp(Decision decision, DateTimeOffset at)
    {
        var events = decision.Events.AsImmutableArray();
        var builder = System.Collections.Immutable.ImmutableArray.CreateBuilder<GameEvent>(events.Length);
        foreach (var @event in events)
        {
            builder.Add(@event.At == at ? @event : @event with { At = at });
        }

        return Decision.Accept(builder.MoveToImmutable().AsSpan());
    }
}
