using Microsoft.Extensions.Options;

namespace Statecraft.Providers.Sqlite;

/// <summary>Settings of <see cref="SqliteReminderTable"/> and <see cref="SqliteGrainStorage"/>.</summary>
/// <remarks>
/// The reminder table and any number of grain storage providers may share one file: each keeps to its own table, and
/// the schema of the file is created and migrated as a whole by whichever of them starts first.
/// </remarks>
public sealed class SqliteProviderOptions
{
    /// <summary>The configuration section bound by the <see cref="Microsoft.Extensions.Configuration.IConfiguration"/> overloads.</summary>
    public const string SectionName = "Statecraft:Orleans:Sqlite";

    /// <summary>
    /// Path of the database file, relative to the working directory unless rooted. Its directory is created if
    /// missing. It must not be the game store's file: the two schemas are versioned independently.
    /// </summary>
    public string DataSource { get; set; } = "data/orleans.db";

    /// <summary>How long an operation waits for another writer to release the database before it fails.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Rejects <see cref="SqliteProviderOptions"/> the providers cannot work with, saying what to change.</summary>
public sealed class SqliteProviderOptionsValidator : IValidateOptions<SqliteProviderOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SqliteProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var subject = string.IsNullOrEmpty(name) ? SqliteProviderOptions.SectionName : $"{SqliteProviderOptions.SectionName} ('{name}')";
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataSource))
        {
            failures.Add($"{subject}:DataSource must be the path of the database file, for example 'data/orleans.db'.");
        }
        else if (IsInMemory(options.DataSource))
        {
            // Every pooled connection would get its own empty database, and nothing would survive a restart.
            failures.Add($"{subject}:DataSource '{options.DataSource}' is an in-memory database; reminders and grain state need a file to survive a restart.");
        }

        if (options.BusyTimeout <= TimeSpan.Zero || options.BusyTimeout.TotalMilliseconds > int.MaxValue)
        {
            failures.Add($"{subject}:BusyTimeout must be positive and at most {TimeSpan.FromMilliseconds(int.MaxValue)}; it is {options.BusyTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsInMemory(string dataSource) =>
        dataSource.Contains(":memory:", StringComparison.OrdinalIgnoreCase)
        || dataSource.Contains("mode=memory", StringComparison.OrdinalIgnoreCase);
}
