using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Statecraft.Abstractions.Lobby;

namespace Statecraft.Grains.Lobby;

/// <summary>
/// One shard of the lobby: a thin adapter over <see cref="GameDirectoryBook"/> and grain storage
/// <see cref="StorageName"/>. Announcements change memory at once and reach storage within <see cref="WriteDelay"/>
/// (one write for any number of announcements in between, and on deactivation), so a busy lobby costs a write a
/// second per shard, not one per game change. A shard that dies loses at most that second of announcements; each game
/// announces itself again at its next change.
/// </summary>
public sealed partial class GameDirectoryGrain(
    [PersistentState("directory", GameDirectoryGrain.StorageName)] IPersistentState<GameDirectoryState> state,
    TimeProvider time,
    ILogger<GameDirectoryGrain> logger) : Grain, IGameDirectoryGrain
{
    /// <summary>The grain storage provider that holds the directory.</summary>
    public const string StorageName = "directory";

    /// <summary>How long announcements wait to be written together.</summary>
    public static readonly TimeSpan WriteDelay = TimeSpan.FromSeconds(1);

    private GameDirectoryBook _book = new([]);
    private bool _dirty;
    private IGrainTimer? _writer;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _book = new GameDirectoryBook(state.State.Listings);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _writer?.Dispose();
        await WriteAsync();
    }

    /// <inheritdoc />
    public Task Announce(GameListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        if (_book.Record(listing))
        {
            _dirty = true;
            _writer ??= this.RegisterGrainTimer(WriteAsync, new GrainTimerCreationOptions(WriteDelay, WriteDelay) { Interleave = false });
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ImmutableArray<GameListing>> List()
    {
        _dirty |= _book.Prune(time.GetUtcNow());
        return Task.FromResult(_book.List());
    }

    private async Task WriteAsync()
    {
        if (!_dirty)
        {
            return;
        }

        _book.Prune(time.GetUtcNow());
        state.State.Listings = _book.List();
        try
        {
            await state.WriteStateAsync();
            _dirty = false;
        }
        catch (InconsistentStateException)
        {
            // Another activation of this shard wrote since (a silo declared dead that was still running): take in
            // what it stored, newer listings winning per game, and write the union at the next tick.
            await MergeStoredAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Kept dirty: the next tick tries again; the listings in memory stay served meanwhile.
            LogWriteFailed(exception, this.GetPrimaryKeyLong(), _book.Count);
        }
    }

    private async Task MergeStoredAsync()
    {
        try
        {
            await state.ReadStateAsync();
            foreach (var listing in state.State.Listings)
            {
                _book.Record(listing);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogWriteFailed(exception, this.GetPrimaryKeyLong(), _book.Count);
        }
    }

    [LoggerMessage(EventId = 2500, Level = LogLevel.Warning, Message = "Storing directory shard {Shard} ({Count} listings) failed; retrying in a second")]
    private partial void LogWriteFailed(Exception exception, long shard, int count);
}
