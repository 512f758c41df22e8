using System.Globalization;
using Statecraft.LoadTest.Options;
using Statecraft.LoadTest.Reporting;
using Statecraft.LoadTest.Scheduling;
using Statecraft.LoadTest.Stats;
using Statecraft.LoadTest.Tables;

namespace Statecraft.LoadTest.Running;

/// <summary>
/// One run of the load: set up a game at every table, fire the timetable for warmup plus duration, wait for the
/// commands still in flight, and summarise the measured part. Commands due during the warmup are counted apart and
/// left out of the summary.
/// </summary>
internal sealed class LoadRun(LoadTestOptions options, IGameCluster cluster, TimeProvider time, ConsoleUi ui)
{
    /// <summary>Tables set up at once before the timetable starts, so set-up does not flood the cluster.</summary>
    public const int SetUpParallelism = 32;

    /// <summary>How long commands still in flight at the end may take; a little over the client's retries of a timed-out call.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Runs the load once. <paramref name="run"/> names the run in game ids; <paramref name="label"/> in the report.</summary>
    public async Task<RunSummary> ExecuteAsync(string run, string label, CancellationToken cancellationToken)
    {
        var ids = new GameIds(run);
        var tables = Enumerable.Range(0, options.Games)
            .Select(slot => new GameTable(slot, options.Ruleset, cluster, ids, new Random(TableSeed(options.Seed, slot)), time))
            .ToArray();
        var pool = new TablePool(tables, time);

        ui.Info(string.Create(CultureInfo.InvariantCulture, $"{label}: setting up {options.Games} games (ids load-{run}-*)..."));
        var setup = new LoadStats();
        var ready = await pool.SetUpAllAsync(setup, SetUpParallelism, cancellationToken);
        var failures = setup.Summarize(label, TimeSpan.Zero, cancelled: false).SupportFailures;
        if (ready == 0)
        {
            throw new LoadRunFailedException($"No game could be set up ({Describe(failures)}); is the cluster serving games?");
        }

        if (ready < options.Games)
        {
            ui.Warn(string.Create(CultureInfo.InvariantCulture, $"{ready} of {options.Games} games set up ({Describe(failures)}); the rest retry on their first command."));
        }

        var warmupStats = new LoadStats();
        var measured = new LoadStats();
        var warmup = options.Warmup;
        var started = time.GetTimestamp();
        bool InWarmup() => time.GetElapsedTime(started) < warmup;

        ui.Info(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {Formatting.Rate(options.Rate)} commands/s for {DurationParser.Format(warmup)} warmup + {DurationParser.Format(options.Duration)} measured"));
        var scheduler = new OpenLoopScheduler(new OpenLoopSchedule(options.Rate), time);
        await using (var progress = new ProgressReporter(ui, time, () => (InWarmup() ? warmupStats : measured, InWarmup(), pool.InFlight)))
        {
            progress.Start();
            await scheduler.RunAsync(warmup + options.Duration,
                command => pool.Dispatch(command, command.Offset < warmup ? warmupStats : measured, cancellationToken), cancellationToken);
            var scheduledFor = time.GetElapsedTime(started);
            if (!cancellationToken.IsCancellationRequested && !await pool.DrainAsync(DrainTimeout, cancellationToken))
            {
                ui.Warn(string.Create(CultureInfo.InvariantCulture, $"{pool.InFlight} commands were still in flight {DurationParser.Format(DrainTimeout)} after the end; they count as unfinished."));
            }

            // A run stopped early is summarised over the part of the window it got through.
            var window = cancellationToken.IsCancellationRequested
                ? TimeSpan.FromTicks(Math.Clamp((scheduledFor - warmup).Ticks, 0, options.Duration.Ticks))
                : options.Duration;
            return measured.Summarize(label, window, cancellationToken.IsCancellationRequested);
        }
    }

    /// <summary>Each table's random source: derived from the run's seed and the table's number, so runs repeat.</summary>
    public static int TableSeed(int seed, int slot) => unchecked((seed * 1_000_003) + slot);

    private static string Describe(IReadOnlyList<KeyValuePair<string, long>> failures) =>
        failures.Count == 0 ? "no failure recorded" : string.Join(", ", failures.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key} x{pair.Value}")));
}
