using System.CommandLine;
using System.Globalization;
using Statecraft.Cli.Capacity;
using Statecraft.Cli.Infrastructure;

namespace Statecraft.Cli.Commands;

/// <summary>
/// <c>statecraft capacity</c>: the capacity guide's formulas on this repository's measured figures — storage per day,
/// store calls, Redis memory or DynamoDB write units, silos needed with headroom. Offline: it connects to nothing.
/// </summary>
internal static class CapacityCommand
{
    public static Command Create(CliIo io)
    {
        var games = new Option<long>("--games") { Description = "Concurrent live games at peak.", Required = true };
        games.Validators.Add(result =>
        {
            if (result.GetValue(games) is < 1 or > 100_000_000)
            {
                result.AddError("--games must be 1 to 100,000,000.");
            }
        });
        var rate = new Option<double>("--commands-per-second") { Description = "Commands per second across the cluster at peak.", Required = true };
        rate.Validators.Add(result =>
        {
            if (result.GetValue(rate) is not (> 0 and <= 10_000_000))
            {
                result.AddError("--commands-per-second must be above 0 and at most 10,000,000.");
            }
        });
        var ruleset = new Option<string>("--ruleset") { Description = "Whose measured profile to use: oh-hell or tictactoe.", DefaultValueFactory = _ => "oh-hell" };
        ruleset.AcceptOnlyFromAmong([.. CapacityBaseline.Rulesets.Select(r => r.Ruleset)]);
        var headroom = new Option<double>("--headroom") { Description = "Share of CPU, memory and store kept free (0 to 0.9).", DefaultValueFactory = _ => 0.5 };
        headroom.Validators.Add(result =>
        {
            if (result.GetValue(headroom) is not (>= 0 and <= 0.9))
            {
                result.AddError("--headroom must be 0 to 0.9 (0.5 plans to use half of each resource).");
            }
        });
        var cores = new Option<int>("--silo-cores") { Description = "Cores per silo.", DefaultValueFactory = _ => 2 };
        cores.Validators.Add(result =>
        {
            if (result.GetValue(cores) is < 1 or > 256)
            {
                result.AddError("--silo-cores must be 1 to 256.");
            }
        });
        var memory = new Option<long>("--silo-memory")
        {
            Description = "Memory per silo (4GB, 512MB).",
            DefaultValueFactory = _ => 4L << 30,
            CustomParser = result =>
            {
                if (Sizes.TryParse(result.Tokens[0].Value, out var bytes) && bytes >= 64L << 20)
                {
                    return bytes;
                }

                result.AddError($"--silo-memory '{result.Tokens[0].Value}' is not a size of at least 64MB (write 4GB, 512MB).");
                return 0;
            },
        };
        var retention = new Option<int>("--retention-days") { Description = "Days of finished games the store keeps.", DefaultValueFactory = _ => 30 };
        retention.Validators.Add(result =>
        {
            if (result.GetValue(retention) is < 1 or > 3_650)
            {
                result.AddError("--retention-days must be 1 to 3,650.");
            }
        });
        var command = new Command("capacity",
            "Works out what a load needs from this repository's measured figures (docs/capacity-planning.md): events and store calls per second, storage per day and retained, " +
            "Redis memory or DynamoDB write units, silo memory for the live games, and silos needed with headroom (one may fail). Name the backend with --store " +
            "(sqlite, redis, dynamodb, or a store address). Connects to nothing.\n" +
            "Example: statecraft capacity --games 100000 --commands-per-second 5000 --store redis")
        { games, rate, ruleset, headroom, cores, memory, retention };
        io.SetAction(command, (context, _) =>
        {
            var store = Backend(context.Parse.GetValue(io.Globals.Store));
            var profile = CapacityBaseline.Rulesets.Single(r => r.Ruleset == context.Value(ruleset));
            var estimate = new CapacityPlan(context.Value(games), context.Value(rate), store, profile, context.Value(headroom),
                context.Value(cores), context.Value(memory), context.Value(retention)).Estimate();
            if (context.Json)
            {
                context.WriteJson(estimate);
            }
            else
            {
                Render(context, estimate);
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    /// <summary>The backend of a --store value: a bare name, or any store address as the other commands read it.</summary>
    private static string Backend(string? store)
    {
        if (string.IsNullOrEmpty(store))
        {
            throw new CliFailure(ExitCodes.Usage, "capacity needs the backend: --store sqlite, redis or dynamodb (or a store address).");
        }

        if (CapacityBaseline.Stores.Contains(store, StringComparer.OrdinalIgnoreCase))
        {
            return store.ToLowerInvariant();
        }

        try
        {
            return StoreAddress.Parse(store).Settings["Statecraft:Storage"]!.ToLowerInvariant();
        }
        catch (FormatException)
        {
            throw new CliFailure(ExitCodes.Usage, $"--store '{store}' is not a backend: use sqlite, redis or dynamodb (or a store address).");
        }
    }

    private static void Render(CliContext context, CapacityEstimate estimate)
    {
        var table = Tables.Create("Figure", "Value", "How");
        table.Row("Load", $"{estimate.Games:N0} live {estimate.Ruleset} games, {estimate.CommandsPerSecond:N0} commands/s on {estimate.Store}", $"headroom {estimate.Headroom:P0}");
        table.Row("Events stored", $"{estimate.EventsPerSecond:N0}/s", "commands/s × events per command");
        table.Row("Store calls", $"{estimate.StoreCallsPerSecond:N0}/s", "commands/s × calls per command (appends, prunes, compactions)");
        table.Row("Games finished", $"{estimate.GamesFinishedPerDay:N0}/day", "commands/s × 86,400 ÷ commands per game");
        table.Row("Storage", $"{Size(estimate.StorageBytesPerDay)}/day, {Size(estimate.StorageBytesRetained)} kept ({estimate.RetentionDays} days)", "games/day × store bytes per game");
        if (estimate.RedisMaxMemoryBytes is { } redis)
        {
            table.Row("Redis maxmemory", Size(redis), "retained storage ÷ (1 − headroom): Redis holds it all in memory");
        }

        if (estimate.DynamoDbWriteUnitsPerSecond is { } units)
        {
            table.Row("DynamoDB write units", $"{units:N0}/s", "commands/s × 2 × (header + events + snapshot KiB per command)");
        }

        table.Row("Silo memory for live games", Size(estimate.LiveGameMemoryBytes), "games × memory per live game");
        table.Row("Silos", estimate.Silos.ToString(CultureInfo.InvariantCulture),
            $"max(CPU {estimate.SilosForCpu}, memory {estimate.SilosForMemory}), at least {CapacityPlan.MinimumClusteredSilos} when clustered, one more if losing one would overload the rest");
        context.Console.Write(table);
        foreach (var note in estimate.Notes)
        {
            context.Console.Line($"Note: {note}");
        }
    }

    private static string Size(double bytes) => Sizes.Format((long)Math.Round(bytes));
}
