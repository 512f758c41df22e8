using Microsoft.Extensions.Options;

namespace Statecraft.Silo.Security;

/// <summary>How the Orleans dashboard is protected.</summary>
internal enum DashboardAuthentication
{
    /// <summary>Anyone who reaches the HTTP port sees the dashboard: Development, or behind an authenticating proxy.</summary>
    None,

    /// <summary>HTTP Basic credentials (a browser prompts for them; <c>curl -u</c> sends them).</summary>
    Basic,
}

/// <summary>
/// <c>Statecraft:Dashboard:*</c>. The dashboard shows every grain, silo and the log trace and can be left open only where
/// nobody else reaches it, so outside Development it asks for credentials unless told otherwise. Without a password it
/// stays locked rather than open: the silo still serves games, and the start-up log says which key unlocks it.
/// </summary>
internal sealed class DashboardAccessOptions
{
    public const string SectionName = "Statecraft:Dashboard";

    /// <summary><c>None</c> or <c>Basic</c>; unset means <c>None</c> in Development and <c>Basic</c> in any other environment.</summary>
    public DashboardAuthentication Authentication { get; set; } = DashboardAuthentication.Basic;

    public string Username { get; set; } = "operator";

    /// <summary>From a Secret or the environment (<c>Statecraft__Dashboard__Password</c>); never in a file that ships.</summary>
    public string? Password { get; set; }

    public static DashboardAccessOptions From(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = new DashboardAccessOptions();
        var section = configuration.GetSection(SectionName);
        var failures = new List<string>();
        var byEnvironment = environment.IsDevelopment() ? DashboardAuthentication.None : DashboardAuthentication.Basic;
        options.Authentication = Hosting.SiloSettings.ParseEnum(section["Authentication"], $"{SectionName}:Authentication", byEnvironment, failures);
        options.Username = section["Username"] ?? options.Username;
        options.Password = section["Password"] is { Length: > 0 } password ? password : null;
        failures.AddRange(new DashboardAccessOptionsValidator().Validate(null, options).Failures ?? []);
        return failures.Count == 0 ? options : throw new OptionsValidationException(SectionName, typeof(DashboardAccessOptions), failures);
    }

    /// <summary>Basic authentication with no password set: every request is refused.</summary>
    public bool IsLocked => Authentication == DashboardAuthentication.Basic && Password is null;
}

/// <summary>Validates <see cref="DashboardAccessOptions"/>, naming the key.</summary>
internal sealed class DashboardAccessOptionsValidator : IValidateOptions<DashboardAccessOptions>
{
    /// <summary>Short passwords fall to guessing over HTTP; 12 characters is the floor most password policies set.</summary>
    public const int MinimumPasswordLength = 12;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DashboardAccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Username) || options.Username.Contains(':', StringComparison.Ordinal) || options.Username.Length > 64)
        {
            failures.Add($"{DashboardAccessOptions.SectionName}:Username must be 1 to 64 characters without ':' (HTTP Basic separates user and password with it).");
        }

        if (options.Password is { } password && password.Length < MinimumPasswordLength)
        {
            failures.Add($"{DashboardAccessOptions.SectionName}:Password must be at least {MinimumPasswordLength} characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
