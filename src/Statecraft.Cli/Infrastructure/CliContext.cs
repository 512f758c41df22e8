using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Statecraft.Client;

namespace Statecraft.Cli.Infrastructure;

/// <summary>One invocation: its parsed options, where it prints, and how it reaches the cluster and the store.</summary>
internal sealed class CliContext
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private readonly GlobalOptions _globals;

    public CliContext(ParseResult parse, GlobalOptions globals, TextWriter output, TextWriter error)
    {
        Parse = parse;
        _globals = globals;
        Output = output;
        Error = error;
        // Colours and live progress only on a terminal; a pipe, a file or a test's writer gets plain text, not wrapped
        // at 80 columns.
        var terminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            Console.Profile.Width = 240;
        }
    }

    public ParseResult Parse { get; }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>Tables and progress (not used with <see cref="Json"/>).</summary>
    public IAnsiConsole Console { get; }

    public bool Json => Parse.GetValue(_globals.Json);

    public T Value<T>(Option<T> option) => Parse.GetValue(option)!;

    public T Value<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    /// <summary>Where the cluster is, for messages.</summary>
    public string ClusterDescription => Parse.GetValue(_globals.Cluster) ?? (Configuration()["Statecraft:Client:Clustering"] is { Length: > 0 } mode && mode != "Localhost"
        ? $"the cluster ({mode} clustering)"
        : $"localhost:{Configuration()["Statecraft:Client:GatewayPort"] ?? "30000"}");

    /// <summary>Settings: the --config file, then Statecraft__* environment variables, then --cluster and --store.</summary>
    public IConfiguration Configuration()
    {
        var builder = new ConfigurationBuilder();
        if (Parse.GetValue(_globals.Config) is { } file)
        {
            if (!file.Exists)
            {
                throw new CliFailure(ExitCodes.Usage, $"--config {file.FullName}: no such file.");
            }

            builder.AddJsonFile(file.FullName, optional: false);
        }

        builder.AddEnvironmentVariables();
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        try
        {
            if (Parse.GetValue(_globals.Cluster) is { Length: > 0 } cluster)
            {
                foreach (var (key, value) in ClusterAddress.Parse(cluster).Settings)
                {
                    overrides[key] = value;
                }
            }

            if (Parse.GetValue(_globals.Store) is { Length: > 0 } store)
            {
                foreach (var (key, value) in StoreAddress.Parse(store).Settings)
                {
                    overrides[key] = value;
                }
            }
        }
        catch (FormatException invalid)
        {
            throw new CliFailure(ExitCodes.Usage, invalid.Message, invalid);
        }

        return builder.AddInMemoryCollection(overrides).Build();
    }

    /// <summary>Connects to the cluster or fails with one line naming what was tried.</summary>
    public async Task<StatecraftConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var configuration = Configuration();
        try
        {
            return await StatecraftConnection.ConnectAsync(configuration, Parse.GetValue(_globals.Timeout),
                Parse.GetValue(_globals.Verbose) ? LogLevel.Warning : LogLevel.None, cancellationToken).ConfigureAwait(false);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException invalid)
        {
            throw new CliFailure(ExitCodes.Usage, string.Join(" ", invalid.Failures), invalid);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw CliFailure.Unreachable(ClusterDescription, exception);
        }
    }

    /// <summary>Opens the store at <paramref name="address"/> (the settings file and environment for everything else).</summary>
    public Task<StoreSession> OpenStoreAsync(string address, bool create, CancellationToken cancellationToken)
    {
        StoreAddress parsed;
        try
        {
            parsed = StoreAddress.Parse(address);
        }
        catch (FormatException invalid)
        {
            throw new CliFailure(ExitCodes.Usage, invalid.Message, invalid);
        }

        var configuration = new ConfigurationBuilder().AddConfiguration(Configuration()).AddInMemoryCollection(parsed.Settings).Build();
        return StoreSession.OpenAsync(configuration, create, cancellationToken);
    }

    /// <summary>Opens the store (see <see cref="StoreSession.OpenAsync"/>).</summary>
    public Task<StoreSession> OpenStoreAsync(bool create, CancellationToken cancellationToken) =>
        StoreSession.OpenAsync(Configuration(), create, cancellationToken);

    /// <summary>True when a store was named (--store, $STATECRAFT_STORE or Statecraft:Storage in the settings).</summary>
    public bool StoreNamed => Parse.GetValue(_globals.Store) is { Length: > 0 } || Configuration()["Statecraft:Storage"] is { Length: > 0 };

    public void WriteJson<T>(T value) => Output.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
}
