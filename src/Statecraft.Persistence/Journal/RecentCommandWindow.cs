using Statecraft.Engine.Core;

namespace Statecraft.Persistence.Journal;

/// <summary>
/// The last N distinct commands a game applied, with the version each produced, oldest first. Bounded so a
/// long game does not grow its snapshot without limit; a retry older than the window is decided afresh.
/// </summary>
public sealed class RecentCommandWindow
{
    private readonly int _capacity;
    private readonly Dictionary<Guid, long> _versions = [];
    private readonly Queue<Guid> _order = new();

    /// <summary>Creates a window of <paramref name="capacity"/> commands seeded with <paramref name="initial"/>.</summary>
    public RecentCommandWindow(int capacity, IEnumerable<ProcessedCommand> initial)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(initial);
        _capacity = capacity;
        foreach (var command in initial)
        {
            Add(command.CommandId, command.Version);
        }
    }

    /// <summary>How many commands are remembered.</summary>
    public int Count => _order.Count;

    /// <summary>Records that <paramref name="commandId"/> produced <paramref name="version"/> (a command with several events keeps its last).</summary>
    public void Add(Guid commandId, long version)
    {
        if (_versions.ContainsKey(commandId))
        {
            _versions[commandId] = version;
            return;
        }

        _versions.Add(commandId, version);
        _order.Enqueue(commandId);
        while (_order.Count > _capacity)
        {
            _versions.Remove(_order.Dequeue());
        }
    }

    /// <summary>The version <paramref name="commandId"/> produced, if it is in the window.</summary>
    public bool TryGetVersion(Guid commandId, out long version) => _versions.TryGetValue(commandId, out version);

    /// <summary>The window, oldest first.</summary>
    public EquatableArray<ProcessedCommand> ToArray() => [.. _order.Select(id => new ProcessedCommand(id, _versions[id]))];

    /// <summary>
    /// The array form of a window after <paramref name="added"/> (same rules as <see cref="Add"/>: a known command keeps
    /// its place with its newest version, the oldest fall out beyond <paramref name="capacity"/>), built without
    /// rebuilding the window. A game grain keeps its window's array this way, so a commit costs one array copy.
    /// </summary>
    public static EquatableArray<ProcessedCommand> Append(EquatableArray<ProcessedCommand> window, IReadOnlyList<ProcessedCommand> added, int capacity)
    {
        ArgumentNullException.ThrowIfNull(added);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var result = new List<ProcessedCommand>(window.Count + added.Count);
        result.AddRange(window);
        foreach (var command in added)
        {
            var known = result.FindIndex(existing => existing.CommandId == command.CommandId);
            if (known >= 0)
            {
                result[known] = command;
            }
            else
            {
                result.Add(command);
                if (result.Count > capacity)
                {
                    // Trim as each new command arrives, as the window does: a command pushed out earlier in the batch
                    // comes back as new, not in its old place.
                    result.RemoveAt(0);
                }
            }
        }

        return [.. result];
    }
}
