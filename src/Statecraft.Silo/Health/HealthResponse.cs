using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Statecraft.Silo.Health;

/// <summary>Writes health results as JSON with each check's description, so an unready silo says why.</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, error = e.Value.Exception?.Message }),
        }, cancellationToken: context.RequestAborted);
    }
}
