using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Statecraft.Engine.Core;
using Statecraft.Engine.Events;
using Statecraft.Persistence.Codec;
using Statecraft.Persistence.Journal;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Tests.Support;

namespace Statecraft.Persistence.Tests.Codec;

public sealed class GameCodecTests
{
    private static readonly GameCodec Codec = GameCodec.Default;

    [Fact]
    public void Every_event_of_real_games_round_trips() =>
        Gen.Select(Gen.ULong, Gen.Bool).Sample((seed, cards) =>
        {
            var game = cards ? Games.OhHell(seed, players: 3 + (int)(seed % 5), handSizes: "3,2,1") : Games.TicTacToe(seed);
            var version = 0L;
            foreach (var e in game.Events)
            {
                version++;
                var decoded = Codec.DecodeEvent(game.Final.GameId, version, Codec.EncodeEvent(game.Final.GameId, version, e));
                Assert.Equal(e, decoded);
                Assert.Equal(e.At, decoded.At);
            }
        }, iter: 60);

    [Fact]
    public void Snapshots_of_real_states_round_trip_at_every_step()
    {
        foreach (var game in new[] { Games.OhHell(1), Games.TicTacToe(2) })
        {
            var window = new RecentCommandWindow(10, []);
            foreach (var step in game.Steps)
            {
                window.Add(step.Command.CommandId, step.Before.Version + step.Events.Count);
                var snapshot = new GameSnapshot(step.Before, window.ToArray());
                Assert.Equal(snapshot, Codec.DecodeSnapshot(step.Before.GameId, step.Before.Version, Codec.EncodeSnapshot(step.Before.GameId, step.Before.Version, snapshot)));
            }
        }
    }

    [Fact]
    public void Stored_json_names_types_by_stable_name_never_by_clr_name()
    {
        var game = Games.OhHell(3, handSizes: "2,1");
        var json = Encoding.UTF8.GetString(new GameCodec(TypeCatalog.ForEngine(), new CodecSettings(Compress: false)).EncodeSnapshot("g", game.Final.Version, new GameSnapshot(game.Final, [])).Data);
        Assert.Contains("\"type\":\"oh-hell.state\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Statecraft", json, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", json, StringComparison.Ordinal);
        var dealt = Codec.EncodeEvent("g", 6, game.Events.OfType<Engine.Rulesets.OhHell.RoundDealt>().First());
        Assert.Equal("oh-hell.round-dealt", dealt.Type);
        Assert.Equal(1, dealt.SchemaVersion);
        Assert.DoesNotContain("Statecraft", Encoding.UTF8.GetString(dealt.Data), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_stored_engine_type_has_a_unique_stable_name()
    {
        var catalog = TypeCatalog.ForEngine();
        var events = typeof(GameEvent).Assembly.GetTypes().Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(GameEvent))).ToList();
        var states = typeof(RulesState).Assembly.GetTypes().Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(RulesState))).ToList();
        Assert.Equal(events.Count + states.Count, catalog.Types.Count);
        Assert.Equal(12, events.Count);
        Assert.All(events.Concat(states), type => Assert.Same(type, catalog.Resolve(catalog.Of(type).Name, 1).ClrType));
    }

    [Fact]
    public void A_type_without_a_stable_name_fails_when_the_catalog_is_built()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TypeCatalog.FromAssemblies(typeof(UnnamedEvent).Assembly));
        Assert.Contains(nameof(UnnamedEvent), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Large_payloads_are_compressed_and_small_ones_are_not()
    {
        var game = Games.OhHell(4, players: 7);
        var cut = game.Steps.Count / 3;
        var midGame = game.Steps[cut].Before;
        // A real snapshot carries the recent-command window as well as the state.
        var window = new RecentCommandWindow(1_000, game.Steps.Take(cut).Select(step => new ProcessedCommand(step.Command.CommandId, step.Before.Version + step.Events.Count)));
        var state = new GameSnapshot(midGame, window.ToArray());
        var snapshot = Codec.EncodeSnapshot("g", midGame.Version, state);
        var plain = new GameCodec(TypeCatalog.ForEngine(), new CodecSettings(Compress: false)).EncodeSnapshot("g", midGame.Version, state);
        Assert.Equal(PayloadEncoding.BrotliJson, snapshot.Encoding);
        Assert.Equal(PayloadEncoding.Json, plain.Encoding);
        Assert.True(plain.Length >= 1024, $"the plain snapshot is only {plain.Length} bytes");
        Assert.True(snapshot.Length < plain.Length * 0.75, $"compressed {snapshot.Length} of {plain.Length}");
        Assert.Equal(state, Codec.DecodeSnapshot("g", midGame.Version, snapshot));

        var small = Codec.EncodeEvent("g", 1, game.Events.First());
        Assert.Equal(PayloadEncoding.Json, small.Encoding);
    }

    [Fact]
    public void A_flipped_byte_or_a_record_moved_elsewhere_is_reported_as_corrupt()
    {
        var e = Games.TicTacToe(5).Events.First();
        var payload = Codec.EncodeEvent("g", 1, e);
        var flipped = payload with { Data = [.. payload.Data] };
        flipped.Data[3] ^= 0x20;
        var corrupt = Assert.Throws<CorruptRecordException>(() => Codec.DecodeEvent("g", 1, flipped));
        Assert.Equal(("g", 1L, RecordChecksum.Kind.Event), (corrupt.GameId, corrupt.Version, corrupt.Kind));
        Assert.Throws<CorruptRecordException>(() => Codec.DecodeEvent("g", 2, payload));
        Assert.Throws<CorruptRecordException>(() => Codec.DecodeEvent("other", 1, payload));
        Assert.Throws<CorruptRecordException>(() => Codec.DecodeSnapshot("g", 1, payload));
    }

    [Fact]
    public void Bytes_that_pass_the_checksum_but_do_not_deserialize_are_corrupt_not_a_crash()
    {
        var payload = Seal("g", 1, "game.player-joined", 1, "{\"playerId\": 42");
        Assert.Throws<CorruptRecordException>(() => Codec.DecodeEvent("g", 1, payload));
    }

    [Fact]
    public void Unknown_types_and_newer_versions_fail_loudly_with_name_and_version()
    {
        var unknown = Assert.Throws<UnknownRecordTypeException>(() => Codec.DecodeEvent("g", 1, Seal("g", 1, "chess.castled", 1, "{}")));
        Assert.Contains("chess.castled", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("v1", unknown.Message, StringComparison.Ordinal);
        var newer = Assert.Throws<UnknownRecordTypeException>(() => Codec.DecodeEvent("g", 1, Seal("g", 1, "game.player-joined", 7, "{\"playerId\":\"a\"}")));
        Assert.Contains("v7", newer.Message, StringComparison.Ordinal);
        Assert.Equal(("game.player-joined", 7), (newer.TypeName, newer.SchemaVersion));
    }

    [Fact]
    public void Older_shapes_are_upcast_on_read()
    {
        var catalog = TypeCatalog.ForEngine()
            .Register(typeof(Renamed), "test.renamed", schemaVersion: 3)
            .AddUpcaster("test.renamed", 1, json => new JsonObject { ["label"] = json["name"]!.GetValue<string>() })
            .AddUpcaster("test.renamed", 2, json => { json["count"] = 1; return json; });
        var codec = new GameCodec(catalog, new CodecSettings());

        var fromV1 = codec.DecodeEvent("g", 4, Seal("g", 4, "test.renamed", 1, "{\"name\":\"old\",\"at\":\"2026-01-01T00:00:00+00:00\"}"));
        Assert.Equal(new Renamed("old", 1), fromV1 with { At = default });
        var current = codec.EncodeEvent("g", 5, new Renamed("new", 2));
        Assert.Equal(3, current.SchemaVersion);
        Assert.Equal(new Renamed("new", 2), codec.DecodeEvent("g", 5, current));
        Assert.Throws<InvalidOperationException>(() => catalog.AddUpcaster("test.renamed", 3, json => json));
    }

    private static EncodedPayload Seal(string gameId, long version, string type, int schemaVersion, string json)
    {
        var data = Encoding.UTF8.GetBytes(json);
        return new EncodedPayload(type, schemaVersion, PayloadEncoding.Json, data, RecordChecksum.Compute(gameId, RecordChecksum.Kind.Event, version, type, schemaVersion, PayloadEncoding.Json, data));
    }

    [StableName("test.renamed", SchemaVersion = 3)]
    private sealed record Renamed(string Label, int Count) : GameEvent;

    private sealed record UnnamedEvent : GameEvent;
}
