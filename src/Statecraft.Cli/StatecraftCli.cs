using System.CommandLine;
using Statecraft.Cli.Commands;
using Statecraft.Cli.Infrastructure;

namespace Statecraft.Cli;

/// <summary>The <c>statecraft</c> command tree, parsed and run against the given writers (the console, or a test's).</summary>
internal static class StatecraftCli
{
    /// <summary>Parses and runs <paramref name="args"/>; the exit code is one of <see cref="ExitCodes"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var parsed = Build(output, error).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine answers syntax errors with 1, which this tool keeps for failed operations.
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync($"statecraft: {problem.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'statecraft --help' (or the command with --help) for usage and examples.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The command tree; actions print to <paramref name="output"/> and <paramref name="error"/>.</summary>
    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var globals = new GlobalOptions();
        var io = new CliIo(globals, output, error);
        var root = new RootCommand(
            "statecraft: operate a Statecraft cluster — status, feature flags, game inspection with time travel, backups and migration, rollback and verification, capacity planning.\n" +
            "Exit codes: 0 done (healthy), 1 failed, 2 usage, 3 cluster or store unreachable (down), 4 degraded.\n" +
            "Example: statecraft status --cluster redis://10.0.0.7:6379");
        foreach (var option in globals.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(StatusCommand.Create(io));
        root.Subcommands.Add(FlagsCommand.Create(io));
        root.Subcommands.Add(GamesCommand.Create(io));
        root.Subcommands.Add(BackupCommand.Create(io));
        root.Subcommands.Add(MigrateCommand.Create(io));
        root.Subcommands.Add(RollbackCommand.Create(io));
        root.Subcommands.Add(VerifyCommand.Create(io));
        root.Subcommands.Add(CapacityCommand.Create(io));
        return root;
    }
}
