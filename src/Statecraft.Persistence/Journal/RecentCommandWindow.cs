using Statecraft.Engine.Core;

namespace Statecraft.Persistence.Journal;

/// <summary>
/// The last N distinct commands a game applied, with the version each produced and its fingerprint, oldest first.
/// Bounded so a long game does not grow its snapshot without limit; a retry older than the window is decided afresh.
/// </summary>
public sealed class RecentCommandWindow
{
    private readonly Dictionary<Guid, ProcessedCommand> _commands = [];
    private readonly Queue<Guid> _order = new();

    // The window as an array, oldest first: what a snapshot stores. Built at most once per change, so a commit costs
    // one array copy, not a rebuild of the window.
    private EquatableArray<ProcessedCommand>? _array;

    /// <summary>Creates a window of <paramref name="capacity"/> commands seeded with <paramref name="initial"/>.</summary>
    public RecentCommandWindow(int capacity, IEnumerable<ProcessedCommand> initial)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(initial);
        Capacity = capacity;
        foreach (var command in initial)
        {
            Add(command.CommandId, command.Version, command.Fingerprint);
        }
    }

    /// <summary>How many commands are remembered.</summary>
    public int Count => _order.Count;

    /// <summary>The most commands remembered.</summary>
    public int Capacity { get; }

    /// <summary>
    /// Records that <paramref name="commandId"/> produced <paramref name="version"/> (a command with several events keeps
    /// its last) and asked for what <paramref name="fingerprint"/> digests (0: not known; a known one is kept).
    /// </summary>
    public void Add(Guid commandId, long version, ulong fingerprint = 0)
    {
        _array = null;
        if (_commands.TryGetValue(commandId, out var known))
        {
            _commands[commandId] = new ProcessedCommand(commandId, version, fingerprint == 0 ? known.Fingerprint : fingerprint);
            return;
        }

        _commands.Add(commandId, new ProcessedCommand(commandId, version, fingerprint));
        _order.Enqueue(commandId);
        while (_order.Count > Capacity)
        {
            _commands.Remove(_order.Dequeue());
        }
    }

    /// <summary>What the window remembers of <paramref name="commandId"/>, if anything.</summary>
    public bool TryGet(Guid commandId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProcessedCommand? command) =>
        _commands.TryGetValue(commandId, out command);

    /// <summary>The window, oldest first.</summary>
    public EquatableArray<ProcessedCommand> ToArray() => _array ??= [.. _order.Select(id => _commands[id])];

    /// <summary>The window's array form after <paramref name="added"/>, without changing the window (for a commit not yet stored).</summary>
    public EquatableArray<ProcessedCommand> Preview(IReadOnlyList<ProcessedCommand> added) => Append(ToArray(), added, Capacity);

    /// <summary>Adds <paramref name="added"/>, whose array form <see cref="Preview"/> gave as <paramref name="preview"/>.</summary>
    public void Accept(IReadOnlyList<ProcessedCommand> added, EquatableArray<ProcessedCommand> preview)
    {
        ArgumentNullException.ThrowIfNull(added);
        foreach (var command in added)
        {
            Add(command.CommandId, command.Version, command.Fingerprint);
        }

        _array = preview;
    }

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
