using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;
using Statecraft.Testing;

namespace Statecraft.Persistence.Tests.Support;

/// <summary>A store whose appends and loads can be made to fail or to hang, as an outage would; everything else passes through.</summary>
internal sealed class SwitchableStore(IGameStore inner) : DelegatingGameStore(inner)
{
    private int _appendCalls;

    public bool FailAppends { get; set; }

    /// <summary>Appends and loads never answer (a frozen server) until cancelled.</summary>
    public bool Frozen { get; set; }

    /// <summary>The next append is stored but its reply is lost (the caller sees an error), as when a write times out and lands later.</summary>
    public bool LoseNextReply { get; set; }

    /// <summary>Appends that reached this store, failed or not.</summary>
    public int AppendCalls => Volatile.Read(ref _appendCalls);

    public override async ValueTask<StoredGame?> LoadAsync(string gameId, long? snapshotBeforeVersion = null, CancellationToken cancellationToken = default)
    {
        await HangIfFrozenAsync(cancellationToken);
        return await Inner.LoadAsync(gameId, snapshotBeforeVersion, cancellationToken);
    }

    public override async ValueTask<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _appendCalls);
        await HangIfFrozenAsync(cancellationToken);
        if (FailAppends)
        {
            throw new IOException("the store is down (test)");
        }

        var result = await Inner.AppendAsync(request, cancellationToken);
        if (LoseNextReply)
        {
            LoseNextReply = false;
            throw new TimeoutException("the reply was lost (test); the append was stored");
        }

        return result;
    }

    private async Task HangIfFrozenAsync(CancellationToken cancellationToken)
    {
        if (Frozen)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
