using Microsoft.Extensions.Options;

namespace Statecraft.Grains.Games;

/// <summary>Game grain settings, bound from <c>Statecraft:Games</c>.</summary>
public sealed class GameGrainOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Statecraft:Games";

    /// <summary>Games nobody touched for this long are deactivated (with a final snapshot).</summary>
    public TimeSpan IdleDeactivationAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A subscription that is not renewed for this long is dropped.</summary>
    public TimeSpan SubscriptionExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the turn reminder wakes a game with a turn timer (it re-arms the exact timer).</summary>
    public TimeSpan TurnReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Attempts for a store write that fails with a transient error, before the command is refused.</summary>
    public int StoreWriteAttempts { get; set; } = 3;
}

/// <summary>Validates <see cref="GameGrainOptions"/> at start.</summary>
public sealed class GameGrainOptionsValidator : IValidateOptions<GameGrainOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GameGrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.IdleDeactivationAfter < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{GameGrainOptions.SectionName}:IdleDeactivationAfter must be at least 1 second (was {options.IdleDeactivationAfter}).");
        }

        if (options.SubscriptionExpiry < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{GameGrainOptions.SectionName}:SubscriptionExpiry must be at least 1 second (was {options.SubscriptionExpiry}).");
        }

        if (options.TurnReminderPeriod < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{GameGrainOptions.SectionName}:TurnReminderPeriod must be at least 1 second (was {options.TurnReminderPeriod}).");
        }

        if (options.StoreWriteAttempts is < 1 or > 10)
        {
            failures.Add($"{GameGrainOptions.SectionName}:StoreWriteAttempts must be 1 to 10 (was {options.StoreWriteAttempts}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
