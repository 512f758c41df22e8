using Spectre.Console;

namespace Statecraft.Cli.Infrastructure;

/// <summary>A progress bar for long operations on a terminal; elsewhere (pipes, --json, tests) silent.</summary>
internal static class Progress
{
    /// <summary>Runs <paramref name="work"/>, which reports (done, total) as it goes.</summary>
    public static async Task<T> RunAsync<T>(CliContext context, string title, Func<Action<int, int>, Task<T>> work)
    {
        if (context.Json || !context.Console.Profile.Capabilities.Interactive)
        {
            return await work(static (_, _) => { }).ConfigureAwait(false);
        }

        return await context.Console.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var task = progress.AddTask(Markup.Escape(title), maxValue: 1);
            return await work((done, total) =>
            {
                task.MaxValue = Math.Max(1, total);
                task.Value = done;
            }).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
