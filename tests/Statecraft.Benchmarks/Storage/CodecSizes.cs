using System.Globalization;
using Statecraft.Persistence.Codec;
using Statecraft.Persistence.Journal;

namespace Statecraft.Benchmarks.Storage;

/// <summary>Bytes per stored event by type and snapshot sizes with and without compression, for real card games.</summary>
internal static class CodecSizes
{
    public static int Run()
    {
        var compressed = GameCodec.Default;
        var plain = new GameCodec(TypeCatalog.ForEngine(), new CodecSettings(Compress: false));
        foreach (var players in new[] { 4, 7 })
        {
            var game = RealPayloads.Game(players);
            Console.WriteLine($"Oh Hell, {players} players, {game.Final.Version} events");
            Console.WriteLine("| Event type | Count | Mean bytes | Max bytes |");
            Console.WriteLine("|---|---:|---:|---:|");
            var encoded = game.Events.Select((e, i) => (Type: compressed.Catalog.Of(e.GetType()).Name, Bytes: compressed.EncodeEvent("g", i + 1, e).Length)).ToList();
            foreach (var group in encoded.GroupBy(e => e.Type).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count()} | {group.Average(e => e.Bytes):F0} | {group.Max(e => e.Bytes)} |"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| all events | {encoded.Count} | {encoded.Average(e => e.Bytes):F0} | {encoded.Max(e => e.Bytes)} |"));
            var snapshot = RealPayloads.MidGameSnapshot(game);
            var small = new GameSnapshot(snapshot.State, []);
            foreach (var (label, value) in new[] { ("mid-game state only", small), ($"mid-game state + {snapshot.RecentCommands.Count} recent commands", snapshot) })
            {
                var raw = plain.EncodeSnapshot("g", value.State.Version, value).Length;
                var stored = compressed.EncodeSnapshot("g", value.State.Version, value).Length;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Snapshot, {label}: {raw} B JSON, {stored} B stored, ratio {(double)stored / raw:F2}"));
            }

            Console.WriteLine();
        }

        return 0;
    }
}
