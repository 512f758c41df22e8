using Microsoft.Extensions.Options;

namespace Statecraft.Web;

/// <summary><c>Statecraft:Web:*</c>.</summary>
public sealed class WebOptions
{
    public const string SectionName = "Statecraft:Web";

    /// <summary>How often an idle live-view stream sends a comment, so proxies keep it open and a dead browser is noticed.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest turn timer a game created from the page may have.</summary>
    public TimeSpan MaxTurnTimeout { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Validates <see cref="WebOptions"/>, naming the key.</summary>
public sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Heartbeat < TimeSpan.FromSeconds(1) || options.Heartbeat > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{WebOptions.SectionName}:Heartbeat must be from 1 second to 5 minutes (was {options.Heartbeat}).");
        }

        if (options.MaxTurnTimeout < TimeSpan.FromSeconds(5))
        {
            failures.Add($"{WebOptions.SectionName}:MaxTurnTimeout must be at least 5 seconds (was {options.MaxTurnTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
