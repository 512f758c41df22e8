using System.Globalization;
using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;

namespace Statecraft.Engine.Rulesets.OhHell;

/// <summary>
/// Settings of a trick-taking game, parsed from <see cref="GameOptions.Settings"/>:
/// <c>maxPlayers</c> (3–7, default 7), <c>hook</c> (true/false, default true) and <c>handSizes</c>
/// (comma-separated cards per round, for example <c>5,4,3,2,1</c>; default: from the largest hand the
/// seated players allow, at most 10, down to 1).
/// </summary>
public sealed record OhHellConfig(int MaxPlayers, bool Hook, EquatableArray<int> HandSizes)
{
    /// <summary>Setting key for the seat limit.</summary>
    public const string MaxPlayersKey = "maxPlayers";

    /// <summary>Setting key for the hook rule.</summary>
    public const string HookKey = "hook";

    /// <summary>Setting key for the hand-size schedule.</summary>
    public const string HandSizesKey = "handSizes";

    /// <summary>Fewest players.</summary>
    public const int MinSeats = 3;

    /// <summary>Most players.</summary>
    public const int MaxSeats = 7;

    /// <summary>Largest hand of the default schedule.</summary>
    public const int DefaultLargestHand = 10;

    private const int MaxRounds = 30;

    /// <summary>Cards available for hands: one card of the deck is always left to turn up for trump.</summary>
    public const int DealableCards = 51;

    /// <summary>Parses and validates settings; unknown keys are refused so typos do not go unnoticed.</summary>
    public static Result<OhHellConfig> Parse(GameOptions options)
    {
        var maxPlayers = MaxSeats;
        var hook = true;
        var handSizes = default(EquatableArray<int>);
        foreach (var (key, value) in options.Settings)
        {
            switch (key)
            {
                case MaxPlayersKey when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max is >= MinSeats and <= MaxSeats:
                    maxPlayers = max;
                    break;
                case HookKey when bool.TryParse(value, out var on):
                    hook = on;
                    break;
                case HandSizesKey when TryParseSchedule(value, out var schedule):
                    handSizes = schedule;
                    break;
                case MaxPlayersKey or HookKey or HandSizesKey:
                    return Invalid($"Setting '{key}' has an invalid value {GameLimits.Echo(value)}. {Help}");
                default:
                    return Invalid($"Unknown setting {GameLimits.Echo(key)}. {Help}");
            }
        }

        var config = new OhHellConfig(maxPlayers, hook, handSizes);
        // The schedule must be dealable with every player count the game may start with, including the largest.
        return config.ScheduleFor(maxPlayers).All(size => size * maxPlayers <= DealableCards)
            ? config
            : Invalid($"Hand sizes {handSizes} cannot be dealt to {maxPlayers} players from one deck; lower {HandSizesKey} or {MaxPlayersKey}.");
    }

    /// <summary>The hand size of each round for <paramref name="players"/> players.</summary>
    public EquatableArray<int> ScheduleFor(int players)
    {
        if (HandSizes.Count > 0)
        {
            return HandSizes;
        }

        var largest = Math.Min(DefaultLargestHand, DealableCards / players);
        return Enumerable.Range(1, largest).Reverse().ToEquatableArray();
    }

    private static string Help =>
        $"Settings: {MaxPlayersKey}={MinSeats}..{MaxSeats}, {HookKey}=true|false, {HandSizesKey}=comma-separated sizes such as 5,4,3,2,1.";

    private static Rejection Invalid(string message) => new(RejectionCode.InvalidOptions, message);

    private static bool TryParseSchedule(string value, out EquatableArray<int> schedule)
    {
        schedule = default;
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is 0 or > MaxRounds)
        {
            return false;
        }

        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] is < 1 or > DealableCards / MinSeats)
            {
                return false;
            }
        }

        schedule = [.. sizes];
        return true;
    }
}
