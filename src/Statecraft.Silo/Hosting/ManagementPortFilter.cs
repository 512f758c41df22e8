namespace Statecraft.Silo.Hosting;

/// <summary>
/// With a management port set, keeps the two ports apart: <c>/metrics</c> and <c>/health/*</c> answer on the management
/// port only, everything else (the dashboard) on the other ports only. It looks at the port the connection came in on,
/// not at the Host header, which a caller chooses.
/// </summary>
internal sealed class ManagementPortFilter(RequestDelegate next, ManagementOptions management)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (management.Port is not { } port)
        {
            return next(context);
        }

        var onManagementPort = context.Connection.LocalPort == port;
        if (onManagementPort != IsManagementPath(context.Request.Path))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }

    public static bool IsManagementPath(PathString path) =>
        path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
