using Orleans.EventSourcing;
using Orleans.Providers;
using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;

namespace Statecraft.Benchmarks.Peers;

/// <summary>
/// What the peers share with <c>IGameGrain.Execute</c>: one command in, decided by our engine, answered once stored.
/// A separate interface because a grain interface has one implementation per grain type.
/// </summary>
public interface IPeerGameGrain : IGrainWithStringKey
{
    Task<CommandResult> Execute(GameCommand command);
}

public interface IStateStoragePeerGrain : IPeerGameGrain;

public interface ILogStoragePeerGrain : IPeerGameGrain;

public interface IPersistentStatePeerGrain : IPeerGameGrain;

/// <summary>One command's events as the codec encodes them (uncompressed JSON): one entry of a peer's log.</summary>
[GenerateSerializer]
public sealed class PeerCommand
{
    [Id(0)] public long VersionAfter { get; set; }

    [Id(1)] public PeerRecord[] Events { get; set; } = [];
}

/// <summary>
/// A journaled peer's state: the game state as the codec encodes a snapshot, when the provider stores states, and
/// the engine's state itself, which Orleans never serialises.
/// </summary>
[GenerateSerializer]
public sealed class PeerState
{
    [Id(0)] public PeerRecord? StoredState { get; set; }

    [Id(1)] public long Version { get; set; }

    [NonSerialized]
    private Engine.Core.GameState? _game;

    public Engine.Core.GameState? Game { get => _game; set => _game = value; }
}

/// <summary>
/// A <see cref="JournaledGrain{TState, TEvent}"/> whose commands are decided and checked by the same engine as our
/// grain (<see cref="PeerRules"/>); only the log-consistency provider differs between the subclasses.
/// </summary>
public abstract class JournaledPeerGrain : JournaledGrain<PeerState, PeerCommand>, IPeerGameGrain
{
    // Handed from Execute to TransitionState, so a confirmed command is not decoded again; null when Orleans replays
    // a stored log, which is then decoded.
    private Engine.Core.GameState? _decidedAfter;
    private PeerRecord? _decidedAfterRecord;

    /// <summary>Whether the provider writes the whole state (StateStorage), so the state's JSON is worth encoding.</summary>
    protected abstract bool StoresState { get; }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (State.Game is null && State.StoredState is { } record)
        {
            State.Game = PeerRules.DecodeState(this.GetPrimaryKeyString(), State.Version, record);
        }
    }

    public async Task<CommandResult> Execute(GameCommand command)
    {
        var gameId = this.GetPrimaryKeyString();
        var before = State.Game ?? Engine.Core.GameDecider.Initial(gameId);
        var outcome = PeerRules.Decide(before, command);
        if (outcome.Refusal is { } refusal)
        {
            return CommandResult.Refused(refusal, before.Version);
        }

        _decidedAfter = outcome.After;
        _decidedAfterRecord = StoresState ? PeerRules.EncodeState(outcome.After) : null;
        RaiseEvent(new PeerCommand { VersionAfter = outcome.After.Version, Events = PeerRules.EncodeEvents(before, outcome.Events) });
        await ConfirmEvents();
        _decidedAfter = null;
        return CommandResult.Applied(State.Version, Durability.Durable);
    }

    protected override void TransitionState(PeerState state, PeerCommand @event)
    {
        // Applied to the tentative and the confirmed view alike; both get the state decided in Execute.
        state.Game = _decidedAfter is { } decided && decided.Version == @event.VersionAfter
            ? decided
            : PeerRules.Replay(state.Game ?? Engine.Core.GameDecider.Initial(this.GetPrimaryKeyString()), @event);
        state.StoredState = _decidedAfter is not null ? _decidedAfterRecord : (StoresState ? PeerRules.EncodeState(state.Game) : null);
        state.Version = @event.VersionAfter;
    }
}

[LogConsistencyProvider(ProviderName = GrainPeers.StateStorage)]
[StorageProvider(ProviderName = GrainPeers.GrainStorage)]
public sealed class StateStoragePeerGrain : JournaledPeerGrain, IStateStoragePeerGrain
{
    protected override bool StoresState => true;
}

[LogConsistencyProvider(ProviderName = GrainPeers.LogStorage)]
[StorageProvider(ProviderName = GrainPeers.GrainStorage)]
public sealed class LogStoragePeerGrain : JournaledPeerGrain, ILogStoragePeerGrain
{
    protected override bool StoresState => false;
}

/// <summary>The whole game state after every command, as most Orleans users would write it.</summary>
[GenerateSerializer]
public sealed class PeerSnapshot
{
    [Id(0)] public PeerRecord? StoredState { get; set; }

    [Id(1)] public long Version { get; set; }
}

/// <summary>A plain grain with <see cref="IPersistentState{TState}"/>, written after every accepted command.</summary>
public sealed class PersistentStatePeerGrain(
    [PersistentState("game", GrainPeers.GrainStorage)] IPersistentState<PeerSnapshot> stored) : Grain, IPersistentStatePeerGrain
{
    private Engine.Core.GameState? _game;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (stored.State.StoredState is { } record)
        {
            _game = PeerRules.DecodeState(this.GetPrimaryKeyString(), stored.State.Version, record);
        }

        return Task.CompletedTask;
    }

    public async Task<CommandResult> Execute(GameCommand command)
    {
        var before = _game ?? Engine.Core.GameDecider.Initial(this.GetPrimaryKeyString());
        var outcome = PeerRules.Decide(before, command);
        if (outcome.Refusal is { } refusal)
        {
            return CommandResult.Refused(refusal, before.Version);
        }

        stored.State.StoredState = PeerRules.EncodeState(outcome.After);
        stored.State.Version = outcome.After.Version;
        await stored.WriteStateAsync();
        _game = outcome.After;
        return CommandResult.Applied(_game.Version, Durability.Durable);
    }
}
