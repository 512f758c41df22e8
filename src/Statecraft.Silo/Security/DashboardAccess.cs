using Microsoft.AspNetCore.Authentication;

namespace Statecraft.Silo.Security;

/// <summary>Wires <see cref="DashboardAccessOptions"/> into ASP.NET Core authentication and the dashboard's endpoints.</summary>
internal static partial class DashboardAccess
{
    public const string PolicyName = "dashboard";

    public static void AddDashboardAccess(this WebApplicationBuilder builder)
    {
        var access = DashboardAccessOptions.From(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(access);
        if (access.Authentication == DashboardAuthentication.Basic)
        {
            builder.Services.AddAuthentication(BasicAuthenticationHandler.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, _ => { });
            builder.Services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy => policy
                .AddAuthenticationSchemes(BasicAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());
        }
    }

    /// <summary>Adds authentication and authorization to the pipeline when the dashboard asks for credentials.</summary>
    public static void Use(WebApplication app)
    {
        if (app.Services.GetRequiredService<DashboardAccessOptions>().Authentication == DashboardAuthentication.Basic)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }
    }

    /// <summary>Requires the dashboard policy on <paramref name="dashboard"/> when credentials are asked for.</summary>
    public static void Protect(WebApplication app, IEndpointConventionBuilder dashboard)
    {
        var access = app.Services.GetRequiredService<DashboardAccessOptions>();
        if (access.Authentication == DashboardAuthentication.Basic)
        {
            dashboard.RequireAuthorization(PolicyName);
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardAccess));
        if (access.IsLocked)
        {
            LogLocked(logger, DashboardAccessOptions.SectionName);
        }
        else if (access.Authentication == DashboardAuthentication.None && !app.Environment.IsDevelopment())
        {
            LogOpen(logger, app.Environment.EnvironmentName, DashboardAccessOptions.SectionName);
        }
    }

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning, Message = "The dashboard is locked: it asks for credentials outside Development and {Section}:Password is not set. Set it (from a Secret), or set {Section}:Authentication=None behind an authenticating proxy.")]
    private static partial void LogLocked(ILogger logger, string section);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning, Message = "The dashboard is open to anyone who reaches the HTTP port in the {Environment} environment ({Section}:Authentication=None).")]
    private static partial void LogOpen(ILogger logger, string environment, string section);
}
