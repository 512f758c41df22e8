using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Statecraft.Persistence.Sqlite;

/// <summary>Registers the SQLite game store.</summary>
public static class SqliteServiceCollectionExtensions
{
    /// <summary>
    /// Uses one SQLite database file as the game store, with <see cref="SqliteStoreOptions"/> bound from
    /// <c>Statecraft:Sqlite</c> and validated at start.
    /// </summary>
    public static IServiceCollection AddSqliteGameStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SqliteStoreOptions>().Bind(configuration.GetSection(SqliteStoreOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStoreOptions>, SqliteStoreOptionsValidator>());
        return services.AddGameStore(sp => new SqliteGameStore(
            sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value,
            sp.GetRequiredService<ILogger<SqliteGameStore>>()));
    }
}
