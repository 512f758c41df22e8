using System.Collections.Concurrent;
using Statecraft.LoadTest.Scheduling;
using Statecraft.LoadTest.Stats;

namespace Statecraft.LoadTest.Tables;

/// <summary>
/// The tables and which of them are idle. Each due slot takes the table idle the longest; when none is idle the slot
/// is dropped and counted, never queued: in an open-loop test a queue would only hide saturation behind ever-growing
/// waits. So commands in flight never exceed the number of tables.
/// </summary>
internal sealed class TablePool
{
    private readonly ConcurrentQueue<GameTable> _idle = new();
    private readonly TimeProvider _time;
    private int _inFlight;
    private TaskCompletionSource? _drained;

    /// <summary>Creates the pool; every table starts idle.</summary>
    public TablePool(IReadOnlyList<GameTable> tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        Tables = tables;
        _time = time;
        foreach (var table in tables)
        {
            _idle.Enqueue(table);
        }
    }

    /// <summary>Every table.</summary>
    public IReadOnlyList<GameTable> Tables { get; }

    /// <summary>Commands running now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Sets up a game at every table, <paramref name="parallelism"/> at a time; returns how many are ready.</summary>
    public async Task<int> SetUpAllAsync(LoadStats stats, int parallelism, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(
            Tables,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            async (table, token) => await table.SetUpAsync(stats, token));
        return Tables.Count(table => table.IsReady);
    }

    /// <summary>Starts <paramref name="command"/> at an idle table, or counts it as dropped; never blocks.</summary>
    public void Dispatch(ScheduledCommand command, LoadStats stats, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stats);
        stats.RecordScheduled();
        if (!_idle.TryDequeue(out var table))
        {
            stats.RecordDropped();
            return;
        }

        Interlocked.Increment(ref _inFlight);
        stats.RecordSent();
        _ = RunAsync(table, command, stats, cancellationToken);
    }

    /// <summary>Waits until no command is in flight; false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _drained, drained);

        // Checked after publishing the signal, so a command finishing in between cannot be missed.
        if (InFlight == 0)
        {
            return true;
        }

        try
        {
            await drained.Task.WaitAsync(timeout, _time, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task RunAsync(GameTable table, ScheduledCommand command, LoadStats stats, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await table.PlayAsync(stats, cancellationToken);
            var latency = _time.GetElapsedTime(command.Timestamp, outcome.RespondedAt);
            switch (outcome.Kind)
            {
                case MoveOutcomeKind.Accepted:
                    stats.RecordAccepted(outcome.Durability, latency);
                    break;
                case MoveOutcomeKind.Rejected:
                    stats.RecordRejected(outcome.RejectionCode, latency);
                    break;
                case MoveOutcomeKind.Error:
                    stats.RecordError(outcome.ErrorType ?? "Exception", latency);
                    break;
                default:
                    stats.RecordSkipped();
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by Ctrl-C: the command has no outcome and shows as unfinished.
        }
        finally
        {
            _idle.Enqueue(table);
            if (Interlocked.Decrement(ref _inFlight) == 0)
            {
                Volatile.Read(ref _drained)?.TrySetResult();
            }
        }
    }
}
