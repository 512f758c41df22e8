namespace Statecraft.Persistence.Stores;

/// <summary>Retention decisions every store applies the same way.</summary>
public static class RetentionRules
{
    /// <summary>
    /// The snapshots a finished game can do without: all of them when its stored events are the complete history
    /// 1..<paramref name="headVersion"/> (the events alone rebuild it), otherwise all but the newest (which, with the
    /// events after it, rebuilds it). History has holes after compaction and after a catch-up snapshot that stored
    /// state reached while persistence was off, so "starts at 1" alone is not enough.
    /// </summary>
    /// <param name="snapshotVersions">Stored snapshot versions, any order.</param>
    /// <param name="firstEventVersion">The oldest stored event's version, or null when no events are stored.</param>
    /// <param name="eventCount">How many events are stored.</param>
    /// <param name="headVersion">The stream's version.</param>
    public static IReadOnlyList<long> RedundantSnapshots(IReadOnlyCollection<long> snapshotVersions, long? firstEventVersion, long eventCount, long headVersion)
    {
        ArgumentNullException.ThrowIfNull(snapshotVersions);
        if (snapshotVersions.Count == 0)
        {
            return [];
        }

        // Versions are unique, so starting at 1 with as many events as the head version means no holes.
        if (firstEventVersion == 1 && eventCount == headVersion)
        {
            return [.. snapshotVersions.Order()];
        }

        var newest = snapshotVersions.Max();
        return [.. snapshotVersions.Where(version => version != newest).Order()];
    }

    /// <summary>True when a game finished at <paramref name="finishedAt"/> is older than <paramref name="age"/> at <paramref name="now"/>.</summary>
    public static bool IsDue(DateTimeOffset? finishedAt, TimeSpan? age, DateTimeOffset now) =>
        finishedAt is { } finished && age is { } limit && finished <= now - limit;
}
