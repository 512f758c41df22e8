using System.Collections.Immutable;
using System.Text.Json;
using Statecraft.Abstractions.Games;

namespace Statecraft.Engine.Core;

public sealed partial class GameDecider
{
    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web);

    /// <summary>Every move <paramref name="playerId"/> may make now; empty when the game is not started or is over.</summary>
    public IReadOnlyList<Move> LegalMoves(GameState state, string playerId)
    {
        ArgumentNullException.ThrowIfNull(state);
        return IsInPlay(state) && state.SeatOf(playerId) >= 0 ? RulesetOf(state).LegalMoves(state, playerId) : [];
    }

    /// <summary>The move a turn timer plays for an idle player, or null when the player has nothing to do.</summary>
    public Move? DefaultMove(GameState state, string playerId)
    {
        ArgumentNullException.ThrowIfNull(state);
        return IsInPlay(state) && state.SeatOf(playerId) >= 0 ? RulesetOf(state).DefaultMove(state, playerId) : null;
    }

    /// <summary>What <paramref name="viewer"/> may see; a null or unseated viewer gets the spectator view.</summary>
    public GameView ViewFor(GameState state, string? viewer)
    {
        ArgumentNullException.ThrowIfNull(state);
        var seated = state.SeatOf(viewer) >= 0 ? viewer : null;
        var details = state.Body is null ? "{}" : SerializeDetails(RulesetOf(state).Details(state, seated));
        return new GameView
        {
            GameId = state.GameId,
            RulesetId = state.RulesetId,
            Phase = state.Phase,
            Players = state.Players.AsImmutableArray(),
            Turn = state.Turn,
            Round = state.Round,
            Version = state.Version,
            TurnDeadline = state.TurnDeadline,
            Result = state.Result,
            LegalMoves = seated is null ? [] : [.. LegalMoves(state, seated)],
            Details = details,
            Viewer = seated,
        };
    }

    /// <summary>Checks every invariant; an empty list means the state is sound.</summary>
    public ImmutableArray<InvariantViolation> Validate(GameState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var violations = new List<InvariantViolation>();
        ValidateEnvelope(state, violations);
        if (state.Phase != GamePhase.NotCreated)
        {
            if (Rulesets.TryGet(state.RulesetId, out var ruleset))
            {
                ruleset.Validate(state, violations);
            }
            else
            {
                violations.Add(new InvariantViolation("ruleset-known", $"ruleset '{state.RulesetId}' is not registered"));
            }
        }

        return [.. violations];
    }

    private static bool IsInPlay(GameState state) =>
        state.Phase != GamePhase.NotCreated && state.Phase != GamePhase.Lobby && !state.Phase.IsTerminal;

    private void ValidateEnvelope(GameState state, List<InvariantViolation> violations)
    {
        void Check(bool holds, string rule, string detail)
        {
            if (!holds)
            {
                violations.Add(new InvariantViolation(rule, detail));
            }
        }

        Check(state.Version >= 0, "version-non-negative", $"version {state.Version}");
        if (state.Phase == GamePhase.NotCreated)
        {
            Check(state.Version == 0 && state.Players.Count == 0 && state.Body is null, "not-created-empty", "an uncreated game has events, players or a body");
            return;
        }

        Check(state.Body is not null, "body-present", "a created game has no ruleset state");
        Check(state.Players.Distinct(StringComparer.Ordinal).Count() == state.Players.Count, "players-distinct", $"players {state.Players}");
        if (Rulesets.TryGet(state.RulesetId, out var ruleset) && state.Body is not null)
        {
            Check(state.Players.Count <= ruleset.MaxPlayers(state), "players-within-seats", $"{state.Players.Count} players seated");
            Check(state.Phase == GamePhase.Lobby || state.Phase == GamePhase.Abandoned || state.Players.Count >= ruleset.MinPlayers,
                "players-enough", $"{state.Players.Count} players in {state.Phase}");
        }

        Check(state.Turn is null || state.SeatOf(state.Turn) >= 0, "turn-seated", $"turn '{state.Turn}' is not seated");
        Check(!state.Phase.IsTerminal || state.Turn is null, "terminal-no-turn", $"turn '{state.Turn}' in {state.Phase}");
        Check(state.Phase.IsTerminal == state.Result is not null, "result-iff-over", $"result {(state.Result is null ? "missing" : "present")} in {state.Phase}");
        Check(state.Phase != GamePhase.Lobby || (state.Round == 0 && state.Turn is null), "lobby-idle", $"round {state.Round}, turn '{state.Turn}' in the lobby");
        Check(state.TurnDeadline is null || state.Turn is not null, "deadline-needs-turn", "a turn deadline without a turn");
    }

    // As its runtime type: the ruleset record's own fields, not the empty base.
    private static string SerializeDetails(RulesetDetails details) => JsonSerializer.Serialize(details, details.GetType(), DetailsJson);
}
