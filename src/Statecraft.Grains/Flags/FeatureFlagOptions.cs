using System.Collections.Immutable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Statecraft.Abstractions.Flags;

namespace Statecraft.Grains.Flags;

/// <summary>
/// Feature flag settings, bound from <c>Statecraft:FeatureFlags</c>. Defaults apply to flags never changed at runtime;
/// the environment variables <c>FF_USE_STATE_PERSISTENCE</c>, <c>FF_ENABLE_STATE_SNAPSHOTS</c> and
/// <c>FF_ENABLE_STATE_RECOVERY</c> win over the configured defaults (the reference system's rollback switch).
/// </summary>
public sealed class FeatureFlagOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Statecraft:FeatureFlags";

    /// <summary>Most flags that may be declared (built-in ones included).</summary>
    public const int MaxFlags = 64;

    /// <summary>Environment variables for the built-in flags.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentVariables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [FlagNames.UseStatePersistence] = "FF_USE_STATE_PERSISTENCE",
        [FlagNames.EnableStateSnapshots] = "FF_ENABLE_STATE_SNAPSHOTS",
        [FlagNames.EnableStateRecovery] = "FF_ENABLE_STATE_RECOVERY",
    };

    /// <summary>
    /// Default values by flag name; the built-in flags default to on. A name listed here declares a flag: only declared
    /// flags can be changed at runtime, so a typo in a change is refused instead of stored.
    /// </summary>
    public Dictionary<string, bool> Defaults { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How often each silo refreshes its cached copy of the flags.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The default snapshot: built-in flags on unless configured otherwise.</summary>
    public FlagSnapshot DefaultSnapshot()
    {
        var flags = FlagNames.BuiltIn.ToDictionary(name => name, _ => true, StringComparer.Ordinal);
        foreach (var (name, value) in Defaults)
        {
            flags[name] = value;
        }

        return new FlagSnapshot
        {
            Revision = 0,
            Flags = flags.ToImmutableSortedDictionary(f => f.Key, f => new FlagDefinition { Name = f.Key, Enabled = f.Value }, StringComparer.Ordinal),
        };
    }

    /// <summary>Overlays the <c>FF_*</c> variables found in <paramref name="configuration"/> onto <see cref="Defaults"/>.</summary>
    internal void ApplyEnvironment(IConfiguration configuration)
    {
        foreach (var (flag, variable) in EnvironmentVariables)
        {
            if (configuration[variable] is { Length: > 0 } text)
            {
                Defaults[flag] = bool.TryParse(text, out var value)
                    ? value
                    : throw new OptionsValidationException(SectionName, typeof(FeatureFlagOptions), [$"{variable} must be true or false (was '{text}')."]);
            }
        }
    }
}

/// <summary>Validates <see cref="FeatureFlagOptions"/> at start.</summary>
public sealed class FeatureFlagOptionsValidator : IValidateOptions<FeatureFlagOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, FeatureFlagOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.RefreshInterval < TimeSpan.FromMilliseconds(100) || options.RefreshInterval > TimeSpan.FromSeconds(2))
        {
            failures.Add($"{FeatureFlagOptions.SectionName}:RefreshInterval must be between 00:00:00.1 and 00:00:02 so changes reach every silo within 2 seconds (was {options.RefreshInterval}).");
        }

        foreach (var invalid in options.Defaults.Keys.Where(name => !FeatureFlagRules.IsValidName(name)))
        {
            failures.Add($"{FeatureFlagOptions.SectionName}:Defaults:{invalid} is not a valid flag name: use 1 to 64 letters, digits, '.', '-' or '_'.");
        }

        var declared = options.DefaultSnapshot().Flags.Count;
        if (declared > FeatureFlagOptions.MaxFlags)
        {
            failures.Add($"{FeatureFlagOptions.SectionName}:Defaults declares {declared} flags; at most {FeatureFlagOptions.MaxFlags} are kept.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
