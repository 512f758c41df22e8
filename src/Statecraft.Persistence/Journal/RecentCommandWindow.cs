using Statecraft.Engine.Core;

namespace Statecraft.Persistence.Journal;

/// <summary>
/// The last N distinct commands a game applied, with the version each produced and its fingerprint, oldest first.
/// Bounded so a long game does not grow its snapshot without limit; a retry older than the window is decided afresh.
/// </summary>
public sealed class RecentCommandWindow
{
    private readonly int _capacity;
    private readonly Dictionary<Guid, ProcessedCommand> _commands = [];
    private readonly Queue<Guid> _order = new();

    /// <summary>Creates a window of <paramref name="capacity"/> commands seeded with <paramref name="initial"/>.</summary>
    public RecentCommandWindow(int capacity, IEnumerable<ProcessedCommand> initial)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(initial);
        _capacity = capacity;
        foreach (var command in initial)
        {
            Add(command.CommandId, command.Version, command.Fingerprint);
        }
    }

    /// <summary>How many commands are remembered.</summary>
    public int Count => _order.Count;

    /// <summary>
    /// Records that <paramref name="commandId"/> produced <paramref name="version"/> (a command with several events keeps
    /// its last) and asked for what <paramref name="fingerprint"/> digests (0: not known; a known one is kept).
    /// </summary>
    public void Add(Guid commandId, long version, ulong fingerprint = 0)
    {
        if (_commands.TryGetValue(commandId, out var known))
        {
            _commands[commandId] = new ProcessedCommand(commandId, version, fingerprint == 0 ? known.Fingerprint : fingerprint);
            return;
        }

        _commands.Add(commandId, new ProcessedCommand(commandId, version, fingerprint));
        _order.Enqueue(commandId);
        while (_order.Count > _capacity)
        {
            _commands.Remove(_order.Dequeue());
        }
    }

    /// <summary>The version <paramref name="commandId"/> produced, if it is in the window.</summary>
    public bool TryGetVersion(Guid commandId, out long version)
    {
        var found = _commands.TryGetValue(commandId, out var command);
        version = found ? command!.Version : 0;
        return found;
    }

    /// <summary>What the window remembers of <paramref name="commandId"/>, if anything.</summary>
    public bool TryGet(Guid commandId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProcessedCommand? command) =>
        _commands.TryGetValue(commandId, out command);

    /// <summary>The window, oldest first.</summary>
    public EquatableArray<ProcessedCommand> ToArray() => [.. _order.Select(id => _commands[id])];

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
                result[known] = command.Fingerprint == 0 ? command with { Fingerprint = result[known].Fingerprint } : command;
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
