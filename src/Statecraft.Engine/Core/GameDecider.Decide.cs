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

        if (string.IsNullOrWhiteSpace(command.PlayerId) || command.PlayerId.Length > CommandLimits.MaxPlayerIdLength)
        {
            return Decision.Reject(RejectionCode.MalformedCommand, $"The player id must be 1 to {CommandLimits.MaxPlayerIdLength} characters and not blank.");
        }

        return command.Action is null ? Decision.Reject(RejectionCode.MalformedCommand, "The command has no action.") : (Decision?)null;
    }

    private Decision DecideCreate(GameState state, CreateGame create)
    {
        if (state.Phase != GamePhase.NotCreated)
        {
            return Decision.Reject(RejectionCode.GameAlreadyExists, $"Game '{state.GameId}' already exists.");
        }

        if (!Rulesets.TryGet(create.RulesetId, out var ruleset))
        {
            return Decision.Reject(RejectionCode.UnknownRuleset, $"Unknown ruleset '{create.RulesetId}'. Known: {string.Join(", ", Rulesets.Ids)}.");
        }

        var options = create.Options ?? GameOptions.Default;
        if (options.TurnTimeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > CommandLimits.MaxTurnTimeout))
        {
            return Decision.Reject(RejectionCode.InvalidOptions, $"The turn timeout must be positive and at most {CommandLimits.MaxTurnTimeout.TotalDays} days.");
        }

        if (options.Settings is null || options.Settings.Count > CommandLimits.MaxSettings)
        {
            return Decision.Reject(RejectionCode.InvalidOptions, $"At most {CommandLimits.MaxSettings} settings are accepted.");
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
            return Decision.Reject(RejectionCode.AlreadyJoined, $"Player '{playerId}' is already seated.");
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
        return reason.Length > CommandLimits.MaxReasonLength
            ? Decision.Reject(RejectionCode.MalformedCommand, $"The reason must be at most {CommandLimits.MaxReasonLength} characters.")
            : Decision.Accept(new GameAbandoned(playerId, reason));
    }

    private Decision DecideMove(GameState state, GameCommand command, Move? move)
    {
        if (move is null || string.IsNullOrWhiteSpace(move.Kind) || move.Kind.Length > CommandLimits.MaxMoveKindLength
            || move.Payload?.Length > CommandLimits.MaxMovePayloadLength)
        {
            return Decision.Reject(RejectionCode.MalformedCommand,
                $"A move needs a kind of 1 to {CommandLimits.MaxMoveKindLength} characters and a payload of at most {CommandLimits.MaxMovePayloadLength}.");
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
        Decision.Reject(RejectionCode.UnknownPlayer, $"Player '{playerId}' is not seated in this game.");

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
