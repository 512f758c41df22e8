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
                // Fingerprints follow the id, as they do for real commands; 0 stands for history without one.
                var added = batch.Select(entry => new ProcessedCommand(ids[entry.Item1], entry.Item2, (ulong)entry.Item1)).ToList();
                added.ForEach(command => window.Add(command.CommandId, command.Version, command.Fingerprint));
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

    [Fact]
    public void The_window_remembers_each_commands_fingerprint()
    {
        var a = Guid.NewGuid();
        var window = new RecentCommandWindow(10, [new ProcessedCommand(a, 1, 0xABCDEF)]);
        window.Add(a, 2);

        Assert.True(window.TryGet(a, out var known));
        Assert.Equal(new ProcessedCommand(a, 2, 0xABCDEF), known);
        Assert.False(window.TryGet(Guid.NewGuid(), out _));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(ulong.MaxValue)]
    public void Processed_commands_round_trip_through_json_with_their_fingerprint(ulong fingerprint)
    {
        var command = new ProcessedCommand(Guid.NewGuid(), 42, fingerprint);

        var json = System.Text.Json.JsonSerializer.Serialize(command);

        Assert.Equal(command, System.Text.Json.JsonSerializer.Deserialize<ProcessedCommand>(json));
        Assert.Equal(fingerprint == 0, !json.Contains('#', StringComparison.Ordinal));
    }

    [Fact]
    public void Snapshots_written_before_fingerprints_read_with_fingerprint_zero()
    {
        var read = System.Text.Json.JsonSerializer.Deserialize<ProcessedCommand>("\"0123456789abcdef0123456789abcdef@7\"");

        Assert.Equal(new ProcessedCommand(Guid.Parse("0123456789abcdef0123456789abcdef"), 7, 0), read);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonSerializer.Deserialize<ProcessedCommand>("\"0123456789abcdef0123456789abcdef@7#zz\""));
    }
}
