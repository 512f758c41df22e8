using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Statecraft.Persistence.Telemetry;

namespace Statecraft.Silo.Telemetry;

/// <summary>The silo's metrics (Prometheus at <c>/metrics</c>), info series, storage sampling and optional OTLP tracing.</summary>
internal static class TelemetryRegistration
{
    public static WebApplicationBuilder AddStatecraftTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>().Bind(builder.Configuration.GetSection(TelemetryOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddSingleton<InfoMetrics>();
        services.AddHostedService(sp => new InfoMetricsLifetime(sp.GetRequiredService<InfoMetrics>()));
        services.AddHostedService<StorageUsageSampler>();

        var telemetry = services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Microsoft.Orleans", StatecraftMeter.Name)
            .AddPrometheusExporter());

        // Bound here, not through IOptions, because the exporter is chosen while services are composed; the validator
        // above still checks the same values at start and names the key.
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.OtlpEndpoint is { IsAbsoluteUri: true } endpoint)
        {
            telemetry
                .ConfigureResource(resource => resource.AddService(options.ServiceName, serviceInstanceId: Environment.MachineName))
                .WithTracing(tracing => tracing
                    .AddSource(StatecraftTracing.Name, "Microsoft.Orleans.Application")
                    .AddOtlpExporter(otlp =>
                    {
                        otlp.Protocol = options.OtlpProtocol == "HttpProtobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                        // With HTTP the exporter posts to the URL as given: add the signal's path the collector expects.
                        otlp.Endpoint = otlp.Protocol == OtlpExportProtocol.HttpProtobuf && endpoint.AbsolutePath is "/" or ""
                            ? new Uri(endpoint, "v1/traces")
                            : endpoint;
                    }));
        }

        return builder;
    }

    /// <summary>Creates the info series when the host starts (a singleton alone would wait for its first consumer).</summary>
    private sealed class InfoMetricsLifetime(InfoMetrics metrics) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(metrics);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
