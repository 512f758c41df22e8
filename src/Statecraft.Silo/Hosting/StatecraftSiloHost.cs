using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Orleans.Configuration;
using Orleans.Dashboard;
using Statecraft.Grains.Hosting;
using Statecraft.Silo.Demo;
using Statecraft.Silo.Health;
using Statecraft.Silo.Maintenance;
using Statecraft.Silo.Security;
using Statecraft.Silo.Telemetry;

namespace Statecraft.Silo.Hosting;

/// <summary>The silo's composition: Orleans, storage, telemetry, health, maintenance and the optional demo.</summary>
internal static class StatecraftSiloHost
{
    public static WebApplicationBuilder AddStatecraftSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var settings = SiloSettings.From(configuration);
        var management = ManagementOptions.From(configuration, settings);
        StartupPreflight.Run(configuration, settings, management);
        builder.Services.AddSingleton(settings);
        if (AdvertisedHttpUrl.From(configuration, settings) is { } httpAddress)
        {
            builder.Services.AddSingleton(httpAddress);
        }

        builder.Services.AddSingleton(management);
        if (management.Port is not null)
        {
            var urls = HttpUrls.From(configuration) is { Length: > 0 } configured ? configured : ["http://localhost:5000"];
            builder.WebHost.UseUrls([.. urls, management.ListenUrl(configuration)]);
        }

        builder.AddDashboardAccess();
        var tls = SiloTls.Load(configuration);
        builder.Services.AddHostedService<StartupBanner>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));

        // The store is created and migrated before Orleans starts, so no game activates against a missing schema.
        ClusterWiring.AddGameStore(builder.Services, settings, configuration);
        builder.Services.AddHostedService<StoreInitializer>();

        builder.UseOrleans(silo =>
        {
            ClusterWiring.Configure(silo, settings, configuration);
            silo.Configure<ClusterMembershipOptions>(membership =>
            {
                // Notice a dead silo in seconds rather than the default tens of seconds.
                membership.ProbeTimeout = TimeSpan.FromSeconds(1);
                membership.NumMissedProbesLimit = 2;
                // A silo cut off from its peers but not from the membership table learns that they declared it dead only
                // when it reads the table (its own votes stall: every probe it sends fails). At the default minute it went
                // on serving the games it held for about 50 s after its death (partition tests); one small read every 5 s
                // per silo shortens that to seconds.
                membership.TableRefreshTimeout = TimeSpan.FromSeconds(5);
            });
            silo.Configure<SiloMessagingOptions>(messaging => messaging.ClientDropTimeout = settings.ClientDropTimeout);
            if (tls is not null)
            {
                silo.UseTls(tls.Certificate, tls.Apply);
            }

            silo.AddStatecraftGrains(configuration);
            silo.AddDashboard();
            // Carries a caller's trace context into grain calls (cheap when nothing traces): a frontend's trace continues
            // through the grain and the store when tracing is on.
            silo.AddActivityPropagation();
        });

        builder.AddStatecraftTelemetry();
        builder.Services.AddHealthChecks().AddCheck<ReadinessCheck>("ready", tags: [ReadinessCheck.Tag]);
        builder.Services.AddHostedService<RetentionService>();
        builder.Services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName));
        builder.Services.AddHostedService<DemoBotService>();
        CoHostedWeb.Add(builder);
        return builder;
    }

    public static WebApplication MapStatecraftEndpoints(this WebApplication app)
    {
        app.UseMiddleware<ManagementPortFilter>();
        DashboardAccess.Use(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadinessCheck.Tag), ResponseWriter = HealthResponse.WriteAsync });
        app.MapPrometheusScrapingEndpoint("/metrics");
        DashboardAccess.Protect(app, app.MapOrleansDashboard(routePrefix: "/dashboard"));
        CoHostedWeb.Map(app);
        app.MapGet("/", () => Results.Redirect(CoHostedWeb.IsEnabled(app.Configuration) ? "/play/" : "/dashboard/"));
        return app;
    }
}
