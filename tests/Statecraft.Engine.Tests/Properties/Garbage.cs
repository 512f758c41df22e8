using System.Collections.Immutable;
using CsCheck;
using Statecraft.Abstractions.Games;

namespace Statecraft.Engine.Tests.Properties;

/// <summary>Generators of commands that are mostly nonsense and occasionally valid.</summary>
internal static class Garbage
{
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.Const(""),
        Gen.Const("   "),
        Gen.String[Gen.Char.AlphaNumeric, 1, 8],
        Gen.String[Gen.Char, 0, 300],
        Gen.Int[-5, 60].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Const("QH"),
        Gen.Const("10S"));

    private static readonly Gen<string> PlayerId = Gen.OneOf(
        Gen.Int[0, 7].Select(i => $"p{i}"),
        Text);

    private static readonly Gen<string?> Payload = Gen.OneOf(Gen.Const((string?)null), Text.Select(s => (string?)s));

    private static readonly Gen<string> Kind = Gen.OneOf(
        Gen.OneOf("place", "bid", "play", "deal"),
        Text);

    private static readonly Gen<GameOptions> Options = Gen.Select(
        Gen.Select(Gen.OneOf("hook", "handSizes", "maxPlayers", "size"), Text).Array[0, 3],
        Gen.OneOf(Gen.Const((TimeSpan?)null), Gen.Int[-10, 1_000_000].Select(s => (TimeSpan?)TimeSpan.FromSeconds(s))),
        (settings, timeout) => new GameOptions
        {
            TurnTimeout = timeout,
            Settings = settings.GroupBy(s => s.Item1).ToImmutableSortedDictionary(g => g.Key, g => g.First().Item2, StringComparer.Ordinal),
        });

    private static readonly Gen<GameAction> Action = Gen.OneOf<GameAction>(
        Gen.Select(Gen.OneOf(Gen.OneOf("tictactoe", "oh-hell"), Text), Options, (id, options) => (GameAction)new CreateGame(id, options)),
        Gen.Const<GameAction>(new JoinGame()),
        Gen.Const<GameAction>(new LeaveGame()),
        Gen.Const<GameAction>(new StartGame()),
        Text.Select(reason => (GameAction)new AbandonGame(reason)),
        Gen.Select(Kind, Payload, (kind, payload) => (GameAction)new MakeMove(new Move(kind, payload))));

    public static readonly Gen<GameCommand> Command = Gen.Select(
        Gen.Frequency((9, Gen.Guid), (1, Gen.Const(Guid.Empty))),
        PlayerId,
        Action,
        (id, player, action) => new GameCommand(id, player, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), action));
}
