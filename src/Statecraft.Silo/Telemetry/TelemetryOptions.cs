using Microsoft.Extensions.Options;

namespace Statecraft.Silo.Telemetry;

/// <summary>The silo's telemetry settings, bound from <c>Statecraft:Telemetry</c>.</summary>
internal sealed class TelemetryOptions
{
    public const string SectionName = "Statecraft:Telemetry";

    /// <summary>How often the store's size is measured for <c>statecraft_storage_bytes</c> and <c>statecraft_storage_records</c>.</summary>
    public TimeSpan StorageSampleInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The storage the operators planned for, exported as <c>statecraft_storage_plan_bytes</c>; the growth alert fires
    /// when the store is on course to pass it within a week. 10 GiB by default.
    /// </summary>
    public long StoragePlanBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>
    /// Where to send traces of the command path over OTLP (for example <c>http://otel-collector:4317</c> for gRPC or
    /// <c>http://otel-collector:4318</c> with <see cref="OtlpProtocol"/> <c>HttpProtobuf</c>). Unset: no tracing.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>The OTLP transport: <c>Grpc</c> (default) or <c>HttpProtobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "Grpc";

    /// <summary>The service name traces carry.</summary>
    public string ServiceName { get; set; } = "statecraft-silo";
}

/// <summary>Validates <see cref="TelemetryOptions"/>, naming the key.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var section = TelemetryOptions.SectionName;
        if (options.StorageSampleInterval < TimeSpan.FromSeconds(1) || options.StorageSampleInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{section}:StorageSampleInterval must be from 1 second to 1 hour (was {options.StorageSampleInterval}).");
        }

        if (options.StoragePlanBytes <= 0)
        {
            failures.Add($"{section}:StoragePlanBytes must be a positive number of bytes (was {options.StoragePlanBytes}).");
        }

        if (options.OtlpEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            failures.Add($"{section}:OtlpEndpoint '{endpoint}' must be an absolute http:// or https:// URL.");
        }

        if (options.OtlpProtocol is not ("Grpc" or "HttpProtobuf"))
        {
            failures.Add($"{section}:OtlpProtocol '{options.OtlpProtocol}' is unknown; use Grpc or HttpProtobuf.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            failures.Add($"{section}:ServiceName must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
