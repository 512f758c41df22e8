using System.Net;
using System.Net.Sockets;

namespace Statecraft.Silo.Hosting;

/// <summary>
/// Checks made before Orleans, the web server or the demo start, so a taken port or an unwritable storage path stops
/// the silo with one message naming the setting, the value and the fix, instead of a stack trace half-way through
/// start-up (or a silo that is up but cannot store anything).
/// </summary>
internal static class StartupPreflight
{
    public static void Run(IConfiguration configuration, SiloSettings settings, ManagementOptions management)
    {
        CheckKubernetes(settings);
        CheckPorts(configuration, settings, management);
        CheckSqlitePaths(configuration, settings);
    }

    /// <summary>
    /// Orleans' Kubernetes agent reads the in-cluster API configuration when the silo is built and fails with a bare
    /// exception outside a pod; say what is missing instead.
    /// </summary>
    private static void CheckKubernetes(SiloSettings settings)
    {
        if (settings.Clustering == ClusteringMode.Kubernetes && settings.Kubernetes.ManagePods && !k8s.KubernetesClientConfiguration.IsInCluster())
        {
            throw new SiloStartupException(
                "Statecraft:Clustering is Kubernetes, but this process is not in a Kubernetes pod (no KUBERNETES_SERVICE_HOST or service-account token). "
                + "Use Statecraft:Clustering=Redis outside Kubernetes, or set Statecraft:Kubernetes:ManagePods=false to take only the name and address from the POD_* variables.",
                SiloExitCodes.InvalidConfiguration);
        }
    }

    private static void CheckPorts(IConfiguration configuration, SiloSettings settings, ManagementOptions management)
    {
        var clusterAddress = settings.IsClustered
            ? settings.ListenOnAnyHostAddress ? IPAddress.Any : IPAddress.Parse(settings.AdvertisedAddress)
            : IPAddress.Loopback;
        CheckPort($"{SiloSettings.ClusterSection}:SiloPort", clusterAddress, settings.SiloPort);
        CheckPort($"{SiloSettings.ClusterSection}:GatewayPort", clusterAddress, settings.GatewayPort);
        foreach (var url in HttpUrls.From(configuration))
        {
            if (HttpEndpoint(url) is { } endpoint)
            {
                CheckPort($"urls ({url})", endpoint.Address, endpoint.Port);
            }
        }

        if (management.Port is not null && HttpEndpoint(management.ListenUrl(configuration)) is { } managementEndpoint)
        {
            CheckPort($"{ManagementOptions.SectionName}:Port", managementEndpoint.Address, managementEndpoint.Port);
        }
    }

    private static IPEndPoint? HttpEndpoint(string url)
    {
        if (HttpUrls.Parse(url) is not { Port: > 0 } uri)
        {
            return null;
        }

        var address = uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(uri.Host, out var ip) ? ip : null;
        return address is null ? null : new IPEndPoint(address, uri.Port);
    }

    private static void CheckPort(string key, IPAddress address, int port)
    {
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            listener.Stop();
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new SiloStartupException(
                $"Port {port} on {address} ({key}) is already in use, or not allowed: {exception.Message}. "
                + $"Stop the process that holds it (ss -ltnp 'sport = :{port}') or choose another port, for example --{key.Split(' ')[0]}={Suggest(key, port)}.",
                SiloExitCodes.PortInUse);
        }
    }

    private static string Suggest(string key, int port) =>
        key.StartsWith("urls", StringComparison.Ordinal) ? $"http://127.0.0.1:{port + 1}" : (port + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void CheckSqlitePaths(IConfiguration configuration, SiloSettings settings)
    {
        if (settings.Storage == StorageBackend.Sqlite)
        {
            CheckWritableFile("Statecraft:Sqlite:DataSource", configuration["Statecraft:Sqlite:DataSource"] ?? "data/statecraft.db");
        }

        if (settings.Clustering == ClusteringMode.Localhost && settings.Storage != StorageBackend.Memory)
        {
            CheckWritableFile("Statecraft:Orleans:Sqlite:DataSource", configuration["Statecraft:Orleans:Sqlite:DataSource"] ?? "data/orleans.db");
        }
    }

    private static void CheckWritableFile(string key, string dataSource)
    {
        var path = Path.GetFullPath(dataSource);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Opening for writing, creating if missing, is what SQLite will do; an empty file is a valid empty database.
            using var probe = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new SiloStartupException(
                $"{key} is '{dataSource}', but the silo cannot open or create '{path}': {exception.Message} "
                + $"Point {key} at a file in a writable folder, for example --{key}=/var/lib/statecraft/{Path.GetFileName(path)}.",
                SiloExitCodes.StorageUnavailable);
        }
    }
}
