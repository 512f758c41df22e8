namespace Statecraft.Silo.Demo;

/// <summary>Built-in bot players for the demo, bound from <c>Statecraft:Demo</c> (off unless <c>--demo</c> is given).</summary>
internal sealed class DemoOptions
{
    public const string SectionName = "Statecraft:Demo";

    public bool Enabled { get; set; }

    /// <summary>Games kept running at once for each ruleset.</summary>
    public int GamesPerRuleset { get; set; } = 3;

    /// <summary>Pause between a table's moves, so the dashboard shows a steady stream.</summary>
    public TimeSpan MoveDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Turn timeout of demo games, so turn timers are exercised too.</summary>
    public TimeSpan TurnTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
