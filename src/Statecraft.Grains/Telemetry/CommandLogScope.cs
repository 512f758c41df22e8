using System.Collections;

namespace Statecraft.Grains.Telemetry;

/// <summary>
/// The logging scope of a command: its fields appear as structured properties (<c>GameId</c>, <c>CommandId</c>,
/// <c>Silo</c>) in JSON logs with scopes included, and as one readable line in plain text.
/// </summary>
internal sealed class CommandLogScope(string gameId, Guid commandId, string silo) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _fields =
    [
        new("GameId", gameId),
        new("CommandId", commandId),
        new("Silo", silo),
    ];

    public int Count => _fields.Length;

    public KeyValuePair<string, object?> this[int index] => _fields[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"game {gameId} command {commandId} on {silo}";
}
