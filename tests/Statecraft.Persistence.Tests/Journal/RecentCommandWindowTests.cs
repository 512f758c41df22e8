using CsCheck;
using Statecraft.Persistence.Journal;

namespace Statecraft.Persistence.Tests.Journal;

public sealed class RecentCommandWindowTests
{
    [Fact]
    public void Appending_to_the_array_form_matches_adding_to_the_window() =>
        Gen.Select(Gen.Int[1, 8], Gen.Int[0, 11].Select(Gen.Long[1, 500]).Array[0, 40].Array[1, 6]).Sample((capacity, batches) =>
        {
            // Few distinct ids, so batches revisit commands already in the window and the window overflows.
            var ids = Enumerable.Range(0, 12).Select(i => new Guid(i, 0, 0, new byte[8])).ToArray();
            var window = new RecentCommandWindow(capacity, []);
            var array = window.ToArray();
            foreach (var batch in batches)
            {
                var added = batch.Select(entry => new ProcessedCommand(ids[entry.Item1], entry.Item2)).ToList();
                added.ForEach(command => window.Add(command.CommandId, command.Version));
                array = RecentCommandWindow.Append(array, added, capacity);
                Assert.Equal(window.ToArray(), array);
            }
        });

    [Fact]
    public void The_oldest_commands_fall_out_and_a_known_command_keeps_its_place()
    {
        var a = new Guid(1, 0, 0, new byte[8]);
        var b = new Guid(2, 0, 0, new byte[8]);
        var c = new Guid(3, 0, 0, new byte[8]);
        var array = RecentCommandWindow.Append([], [new(a, 1), new(b, 2)], capacity: 2);
        array = RecentCommandWindow.Append(array, [new(a, 3)], capacity: 2);
        Assert.Equal([new ProcessedCommand(a, 3), new ProcessedCommand(b, 2)], array);
        array = RecentCommandWindow.Append(array, [new(c, 4)], capacity: 2);
        Assert.Equal([new ProcessedCommand(b, 2), new ProcessedCommand(c, 4)], array);
    }
}
