using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Statecraft.LoadTest.Options;

namespace Statecraft.LoadTest.Tests.Options;

public sealed class LoadTestCommandLineTests
{
    private static (LoadTestOptions? Options, IReadOnlyList<string> Problems) Bind(params string[] args)
    {
        var commandLine = new LoadTestCommandLine();
        return commandLine.Bind(commandLine.Parse(args));
    }

    [Fact]
    public void No_arguments_give_the_defaults()
    {
        var (options, problems) = Bind();

        Assert.Empty(problems);
        Assert.Equal(new LoadTestOptions(), options);
    }

    [Fact]
    public void Every_option_is_read()
    {
        var (options, problems) = Bind(
            "--games", "20", "--rate", "1234.5", "--duration", "1m30s", "--warmup", "0s", "--ruleset", "oh-hell",
            "--gateway-port", "31000", "--compare-persistence", "--seed", "99", "--verbose");

        Assert.Empty(problems);
        Assert.Equal(
            new LoadTestOptions
            {
                Games = 20,
                Rate = 1234.5,
                Duration = TimeSpan.FromSeconds(90),
                Warmup = TimeSpan.Zero,
                Ruleset = RulesetMix.OhHell,
                GatewayPort = 31000,
                ComparePersistence = true,
                Seed = 99,
                Verbose = true,
            },
            options);
    }

    [Theory]
    [InlineData("tictactoe", nameof(RulesetMix.TicTacToe))]
    [InlineData("oh-hell", nameof(RulesetMix.OhHell))]
    [InlineData("mixed", nameof(RulesetMix.Mixed))]
    public void Rulesets_map_to_mixes(string name, string expected) =>
        Assert.Equal(Enum.Parse<RulesetMix>(expected), Bind("--ruleset", name).Options?.Ruleset);

    [Theory]
    [InlineData(new[] { "--ruleset", "chess" }, "chess")]
    [InlineData(new[] { "--rate", "fast" }, "fast")]
    [InlineData(new[] { "--duration", "soon" }, "soon")]
    [InlineData(new[] { "--warmup", "5x" }, "5x")]
    [InlineData(new[] { "--frobnicate" }, "--frobnicate")]
    [InlineData(new[] { "--games", "0" }, "--games")]
    [InlineData(new[] { "--duration", "500ms" }, "--duration")]
    [InlineData(new[] { "--gateway-port", "99999" }, "--gateway-port")]
    public void Invalid_arguments_are_problems_that_name_the_culprit(string[] args, string named)
    {
        var (options, problems) = Bind(args);

        Assert.Null(options);
        Assert.Contains(problems, problem => problem.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void Syntax_errors_are_parse_errors_so_the_program_can_exit_with_2()
    {
        var commandLine = new LoadTestCommandLine();

        Assert.IsType<ParseErrorAction>(commandLine.Parse(["--rate", "fast"]).Action);
        Assert.IsType<HelpAction>(commandLine.Parse(["--help"]).Action);
    }
}
