using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Statecraft.Persistence;
using Statecraft.Persistence.Codec;
using Statecraft.Persistence.DynamoDB;
using Statecraft.Persistence.Journal;
using Statecraft.Persistence.Redis;
using Statecraft.Persistence.Sqlite;
using Statecraft.Persistence.Stores;

namespace Statecraft.Cli.Infrastructure;

/// <summary>
/// A game store opened with the silo's own registrations and settings (<c>Statecraft:Storage</c> and its section,
/// <c>Statecraft:Persistence</c> for the codec), with the repository that rebuilds games from it.
/// </summary>
internal sealed class StoreSession : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private StoreSession(ServiceProvider services, string description)
    {
        _services = services;
        Description = description;
    }

    /// <summary>What was opened, for messages: <c>sqlite:data/statecraft.db</c>.</summary>
    public string Description { get; }

    public IGameStore Store => _services.GetRequiredService<IGameStore>();

    public GameRepository Repository => _services.GetRequiredService<GameRepository>();

    public GameCodec Codec => _services.GetRequiredService<GameCodec>();

    /// <summary>
    /// Opens the store <paramref name="configuration"/> names. With <paramref name="create"/> false a SQLite file must
    /// exist already (a typo must not create an empty database) and nothing is initialized; with true the store's
    /// schema or table is created as a silo would.
    /// </summary>
    public static async Task<StoreSession> OpenAsync(IConfiguration configuration, bool create, CancellationToken cancellationToken)
    {
        var backend = configuration["Statecraft:Storage"] is { Length: > 0 } name ? name : "Sqlite";
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddStatecraftPersistence(configuration);
        string description;
        switch (backend.ToUpperInvariant())
        {
            case "SQLITE":
                var path = configuration["Statecraft:Sqlite:DataSource"] ?? new SqliteStoreOptions().DataSource;
                if (!create && !File.Exists(path))
                {
                    throw new CliFailure(ExitCodes.Unreachable, $"Could not reach the store sqlite:{path}: no such file (run from the silo's folder, or give --store sqlite:PATH).");
                }

                services.AddSqliteGameStore(configuration);
                description = $"sqlite:{path}";
                break;
            case "REDIS":
                services.AddRedisGameStore(configuration);
                description = $"redis://{configuration["Statecraft:Redis:ConnectionString"] ?? new RedisStoreOptions().ConnectionString}";
                break;
            case "DYNAMODB":
                services.AddDynamoDbGameStore(configuration);
                description = $"dynamodb://{configuration["Statecraft:DynamoDB:TableName"] ?? new DynamoDbOptions().TableName}";
                break;
            default:
                throw new CliFailure(ExitCodes.Usage, $"Statecraft:Storage '{backend}' is not a store the tool can open; use Sqlite, Redis or DynamoDB (or --store).");
        }

        var provider = services.BuildServiceProvider();
        var session = new StoreSession(provider, description);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(15));
            if (create)
            {
                await session.Store.InitializeAsync(deadline.Token).ConfigureAwait(false);
            }

            await session.Store.PingAsync(deadline.Token).ConfigureAwait(false);
            return session;
        }
        catch (OptionsValidationException invalid)
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw new CliFailure(ExitCodes.Usage, string.Join(" ", invalid.Failures), invalid);
        }
        catch (Exception exception) when (exception is not CliFailure && !cancellationToken.IsCancellationRequested)
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw CliFailure.Unreachable($"the store {description}", exception);
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
