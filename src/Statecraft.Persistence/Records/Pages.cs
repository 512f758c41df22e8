namespace Statecraft.Persistence.Records;

/// <summary>
/// A page of events. <see cref="NextFromVersion"/> is where the next page starts, or null at the end of the requested
/// range. <see cref="FirstAvailableVersion"/> is the oldest event still stored (higher than 1 after compaction), or
/// null when the stream holds no events.
/// </summary>
public sealed record EventPage(IReadOnlyList<EventRecord> Events, long? NextFromVersion, long? FirstAvailableVersion);

/// <summary>A page of game headers; pass <see cref="ContinuationToken"/> back for the next page (null at the end).</summary>
public sealed record GamePage(IReadOnlyList<GameHeader> Games, string? ContinuationToken);

/// <summary>How long finished games are kept. Null keeps forever.</summary>
/// <param name="DropSnapshotsAfter">After this long since the finish, snapshots the game does not need to load are deleted.</param>
/// <param name="DeleteGameAfter">After this long since the finish, the game's events, snapshots and header are deleted.</param>
public sealed record RetentionPolicy(TimeSpan? DropSnapshotsAfter, TimeSpan? DeleteGameAfter);

/// <summary>What a retention pass removed.</summary>
public sealed record RetentionReport(int SnapshotsDeleted, int GamesDeleted);
