using System.Collections.Immutable;
using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;
using Statecraft.Engine.Events;
using Statecraft.Persistence.Codec;
using Statecraft.Persistence.Journal;

namespace Statecraft.Benchmarks.Peers;

/// <summary>
/// The command path the peers share with <c>GameGrain</c>: decide with the engine, fold, check the invariants; and
/// the codec's uncompressed JSON for what they store, so every grain pays for the same encoding of the same data.
/// </summary>
internal static class PeerRules
{
    private static readonly GameCodec Codec = new(TypeCatalog.ForEngine(), new CodecSettings(Compress: false));

    public readonly record struct Outcome(GameState After, ImmutableArray<GameEvent> Events, Rejection? Refusal);

    public static Outcome Decide(GameState before, GameCommand command)
    {
        var decision = GameDecider.Default.Decide(before, command);
        if (!decision.IsAccepted)
        {
            return new Outcome(before, [], decision.Rejection);
        }

        var after = GameDecider.Default.Fold(before, decision.Events);
        var violations = GameDecider.Default.Validate(after);
        return violations.IsDefaultOrEmpty
            ? new Outcome(after, decision.Events.AsImmutableArray(), null)
            : new Outcome(before, [], new Rejection(RejectionCode.InvariantViolated, string.Join("; ", violations)));
    }

    public static PeerRecord[] EncodeEvents(GameState before, ImmutableArray<GameEvent> events)
    {
        var version = before.Version;
        return [.. events.Select(e => PeerRecord.From(Codec.EncodeEvent(before.GameId, ++version, e)))];
    }

    public static PeerRecord EncodeState(GameState state) =>
        PeerRecord.From(Codec.EncodeSnapshot(state.GameId, state.Version, new GameSnapshot(state, [])));

    public static GameState DecodeState(string gameId, long version, PeerRecord record) =>
        Codec.DecodeSnapshot(gameId, version, record.ToPayload()).State;

    /// <summary>Folds a stored log entry (LogStorage's recovery): each event decoded from its record.</summary>
    public static GameState Replay(GameState state, PeerCommand entry)
    {
        var version = entry.VersionAfter - entry.Events.Length;
        var events = entry.Events.Select(record => Codec.DecodeEvent(state.GameId, ++version, record.ToPayload())).ToList();
        return GameDecider.Default.Fold(state, events);
    }
}
