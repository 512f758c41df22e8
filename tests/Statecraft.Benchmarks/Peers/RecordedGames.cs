using Statecraft.Abstractions.Games;

namespace Statecraft.Benchmarks.Peers;

/// <summary>
/// The commands of <see cref="LongOhHellGames"/>, each game cut after the first command that reaches the wanted number
/// of events; they replay identically under any game id and on every grain.
/// </summary>
internal static class RecordedGames
{
    public static IReadOnlyList<GameCommand>[] Create(int events, int count) =>
        [.. Enumerable.Range(1, count).Select(seed => Create(events, (ulong)seed))];

    private static List<GameCommand> Create(int events, ulong seed)
    {
        var played = LongOhHellGames.Play("recorded", seed, rounds: (events / 50) + 1);
        var commands = new List<GameCommand>();
        var count = 0;
        foreach (var step in played.Steps.TakeWhile(_ => count < events))
        {
            commands.Add(step.Command);
            count += step.Events.Count;
        }

        return commands;
    }
}
