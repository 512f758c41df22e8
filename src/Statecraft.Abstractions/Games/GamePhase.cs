namespace Statecraft.Abstractions.Games;

/// <summary>
/// The phase a game is in: the shared lifecycle (<see cref="NotCreated"/>, <see cref="Lobby"/>, <see cref="Finished"/>,
/// <see cref="Abandoned"/>) plus the in-play phases the shipped rulesets use (<see cref="Playing"/>;
/// <see cref="Bidding"/> and <see cref="RoundScored"/> for Oh Hell). A string value rather than an enum, so a frontend
/// built before a ruleset that adds a phase still reads it (as an unknown name) instead of failing; a ruleset that needs
/// a new phase adds its well-known member here.
/// </summary>
[GenerateSerializer, Immutable, Alias("statecraft.GamePhase")]
[System.Text.Json.Serialization.JsonConverter(typeof(GamePhaseJsonConverter))]
public readonly record struct GamePhase([property: Id(0)] string Name)
{
    /// <summary>The game id has no game yet: nothing has been created under it.</summary>
    public static readonly GamePhase NotCreated = new("NotCreated");

    /// <summary>Players are joining; the game has not started.</summary>
    public static readonly GamePhase Lobby = new("Lobby");

    /// <summary>Players bid on the tricks they will take (trick-taking games).</summary>
    public static readonly GamePhase Bidding = new("Bidding");

    /// <summary>Players make moves in turn.</summary>
    public static readonly GamePhase Playing = new("Playing");

    /// <summary>A round has been scored and the next one has not been dealt yet.</summary>
    public static readonly GamePhase RoundScored = new("RoundScored");

    /// <summary>The game ended by its rules; <see cref="GameView.Result"/> holds the outcome.</summary>
    public static readonly GamePhase Finished = new("Finished");

    /// <summary>The game was ended early by a player; it accepts no further moves.</summary>
    public static readonly GamePhase Abandoned = new("Abandoned");

    /// <summary>True for phases after which the game accepts no command.</summary>
    public bool IsTerminal => this == Finished || this == Abandoned;

    /// <inheritdoc />
    public override string ToString() => Name ?? string.Empty;
}
