namespace Statecraft.Cli;

/// <summary>The entry point of <c>statecraft</c>.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => StatecraftCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}
