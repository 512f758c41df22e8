using Orleans.EventSourcing;
using Orleans.Providers;

namespace Statecraft.Benchmarks.Peers;

/// <summary>One command's events (the codec's JSON of each), as one log entry.</summary>
[GenerateSerializer]
public sealed class PeerCommand
{
    [Id(0)] public long VersionAfter { get; set; }

    [Id(1)] public string[] Events { get; set; } = [];
}

/// <summary>The grain state: the game state's JSON (the codec's snapshot encoding of the fold) and the event count.</summary>
[GenerateSerializer]
public sealed class PeerState
{
    [Id(0)] public string GameStateJson { get; set; } = "";

    [Id(1)] public long EventCount { get; set; }
}

public interface IPeerGameGrain : IGrainWithStringKey
{
    /// <summary>Raises one command's events and waits until the log-consistency provider has stored them.</summary>
    Task Commit(PeerCommand command, string stateAfterJson);
}

/// <summary>
/// A plain <see cref="JournaledGrain{TState, TEvent}"/>. The state after each command is the engine's fold, computed
/// by the workload beforehand (as our repository also receives it) and handed in with the command, so the grain
/// measures only what its provider stores.
/// </summary>
public abstract class PeerGameGrainBase : JournaledGrain<PeerState, PeerCommand>, IPeerGameGrain
{
    private string _pendingState = "";

    public async Task Commit(PeerCommand command, string stateAfterJson)
    {
        _pendingState = stateAfterJson;
        RaiseEvent(command);
        await ConfirmEvents();
    }

    protected override void TransitionState(PeerState state, PeerCommand @event)
    {
        state.EventCount += @event.Events.Length;
        state.GameStateJson = _pendingState;
    }
}

[LogConsistencyProvider(ProviderName = PeersBenchmark.StateStorage)]
[StorageProvider(ProviderName = PeersBenchmark.GrainStorage)]
public sealed class StateStoragePeerGrain : PeerGameGrainBase, IStateStoragePeerGrain;

[LogConsistencyProvider(ProviderName = PeersBenchmark.LogStorage)]
[StorageProvider(ProviderName = PeersBenchmark.GrainStorage)]
public sealed class LogStoragePeerGrain : PeerGameGrainBase, ILogStoragePeerGrain;

public interface IStateStoragePeerGrain : IPeerGameGrain;

public interface ILogStoragePeerGrain : IPeerGameGrain;
