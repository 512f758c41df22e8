using System.CommandLine;
using Statecraft.Abstractions.Flags;
using Statecraft.Cli.Infrastructure;

namespace Statecraft.Cli.Commands;

/// <summary><c>statecraft flags list | set | reset | audit</c>: the cluster's feature flags, every change audited with who and why.</summary>
internal static class FlagsCommand
{
    public static Command Create(CliIo io)
    {
        var flags = new Command("flags", "The cluster's feature flags. Changes need --reason and are audited; silos apply them within about 2 s.");
        flags.Subcommands.Add(List(io));
        flags.Subcommands.Add(Set(io));
        flags.Subcommands.Add(Reset(io));
        flags.Subcommands.Add(Audit(io));
        return flags;
    }

    private static Option<string> ReasonOption() => new("--reason") { Description = "Why (recorded in the audit).", Required = true };

    private static Option<string> ByOption() => new("--by")
    {
        Description = "Who (recorded in the audit); defaults to the operating-system user.",
        DefaultValueFactory = _ => Environment.UserName,
    };

    private static Command List(CliIo io)
    {
        var command = new Command("list", "Every flag: its value, per-game overrides, and whether it was changed at runtime.\nExample: statecraft flags list --json");
        io.SetAction(command, async (context, cancellationToken) =>
        {
            await using var connection = await context.ConnectAsync(cancellationToken);
            var snapshot = await Flags(connection).GetSnapshot().WaitAsync(cancellationToken);
            Print(context, snapshot);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Set(CliIo io)
    {
        var name = new Argument<string>("name") { Description = "The flag, for example UseStatePersistence." };
        var value = new Argument<string?>("value") { Description = "on or off (with --game also clear); omit with --percent.", Arity = ArgumentArity.ZeroOrOne };
        var percent = new Option<int?>("--percent") { Description = "Turn the flag on for this share of games (0–100), chosen by a stable hash of the game id." };
        var game = new Option<string?>("--game") { Description = "Change the flag for this game only (a per-game override)." };
        var reason = ReasonOption();
        var by = ByOption();
        var command = new Command("set",
            "Changes a flag: on or off for every game, on for a percentage of games, or for one game.\n" +
            "Examples: statecraft flags set UseStatePersistence off --reason \"store migration\"\n" +
            "          statecraft flags set EnableStateSnapshots --percent 25 --reason canary\n" +
            "          statecraft flags set UseStatePersistence --game g-123 clear --reason \"back to the global value\"")
        { name, value, percent, game, reason, by };
        command.Validators.Add(result =>
        {
            var text = result.GetValue(value);
            var hasPercent = result.GetValue(percent) is not null;
            if (hasPercent == (text is not null))
            {
                result.AddError("Give a value (on, off; clear with --game) or --percent N, not both and not neither.");
            }
            else if (text is not null && text is not ("on" or "off") && !(text == "clear" && result.GetValue(game) is not null))
            {
                result.AddError($"'{text}' is not a flag value; use on or off (or clear with --game).");
            }
            else if (hasPercent && result.GetValue(game) is not null)
            {
                result.AddError("--percent applies to every game; a per-game override is on, off or clear.");
            }
        });
        io.SetAction(command, (context, cancellationToken) =>
        {
            var text = context.Value(value);
            return ChangeAsync(context, new FlagChange
            {
                Name = context.Value(name),
                Enabled = text is "on" ? true : text is "off" ? false : null,
                Percentage = context.Value(percent),
                GameId = context.Value(game),
                ClearGameOverride = text == "clear",
                ChangedBy = context.Value(by),
                Reason = context.Value(reason),
            }, cancellationToken);
        });
        return command;
    }

    private static Command Reset(CliIo io)
    {
        var name = new Argument<string>("name") { Description = "The flag." };
        var reason = ReasonOption();
        var by = ByOption();
        var command = new Command("reset",
            "Forgets every runtime change to a flag: it goes back to its configured default (settings or FF_* environment variables).\n" +
            "Example: statecraft flags reset UseStatePersistence --reason \"incident over\"")
        { name, reason, by };
        io.SetAction(command, (context, cancellationToken) => ChangeAsync(context, new FlagChange
        {
            Name = context.Value(name),
            Reset = true,
            ChangedBy = context.Value(by),
            Reason = context.Value(reason),
        }, cancellationToken));
        return command;
    }

    private static Command Audit(CliIo io)
    {
        var limit = new Option<int>("--limit") { Description = "How many entries, newest first (1–1000).", DefaultValueFactory = _ => 20 };
        limit.Validators.Add(result =>
        {
            if (result.GetValue(limit) is < 1 or > 1000)
            {
                result.AddError("--limit must be 1 to 1000.");
            }
        });
        var command = new Command("audit", "Recent flag changes: revision, time, flag, who, why, before and after.\nExample: statecraft flags audit --limit 50") { limit };
        io.SetAction(command, async (context, cancellationToken) =>
        {
            await using var connection = await context.ConnectAsync(cancellationToken);
            var entries = await Flags(connection).GetAudit(context.Value(limit)).WaitAsync(cancellationToken);
            if (context.Json)
            {
                context.WriteJson(entries);
                return ExitCodes.Success;
            }

            var table = Tables.Create("Revision", "At (UTC)", "Flag", "By", "Reason", "Before", "After");
            foreach (var entry in entries)
            {
                table.Row(entry.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.At.UtcDateTime.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
                    entry.Flag, entry.ChangedBy, entry.Reason, entry.Before, entry.After);
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> ChangeAsync(CliContext context, FlagChange change, CancellationToken cancellationToken)
    {
        await using var connection = await context.ConnectAsync(cancellationToken);
        FlagSnapshot snapshot;
        try
        {
            snapshot = await Flags(connection).Change(change).WaitAsync(cancellationToken);
        }
        catch (InvalidFlagChangeException refused)
        {
            throw new CliFailure(ExitCodes.Failed, $"The change was refused: {refused.Message}", refused);
        }

        Print(context, snapshot);
        return ExitCodes.Success;
    }

    private static IFeatureFlagGrain Flags(Statecraft.Client.StatecraftConnection connection) =>
        connection.ClusterClient.GetGrain<IFeatureFlagGrain>(IFeatureFlagGrain.Key);

    private static void Print(CliContext context, FlagSnapshot snapshot)
    {
        if (context.Json)
        {
            context.WriteJson(new
            {
                snapshot.Revision,
                Flags = snapshot.Flags.Values.Select(f => new
                {
                    f.Name,
                    f.Enabled,
                    f.Percentage,
                    Overrides = f.GameOverrides,
                    ChangedAtRuntime = snapshot.IsChangedAtRuntime(f.Name),
                }),
            });
            return;
        }

        var table = Tables.Create("Flag", "Value", "Game overrides", "Source");
        foreach (var flag in snapshot.Flags.Values)
        {
            table.Row(flag.Name, flag.Percentage is { } p ? $"{p}%" : flag.Enabled ? "on" : "off",
                string.Join(", ", flag.GameOverrides.Select(o => $"{o.Key}={(o.Value ? "on" : "off")}")),
                snapshot.IsChangedAtRuntime(flag.Name) ? "changed at runtime" : "configured default");
        }

        context.Console.Write(table);
        context.Console.Line($"Revision {snapshot.Revision}");
    }
}
