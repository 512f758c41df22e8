using Statecraft.LoadTest.Reporting;
using Statecraft.LoadTest.Tests.Support;

namespace Statecraft.LoadTest.Tests.Reporting;

public sealed class ProgressLineTests
{
    [Fact]
    public void Rates_are_the_difference_over_the_interval()
    {
        Assert.Equal((500.0, 250.0), ProgressLine.Rates(1000, 1250, 100, 225, TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public void Rates_are_zero_for_an_empty_interval_and_never_negative()
    {
        Assert.Equal((0.0, 0.0), ProgressLine.Rates(0, 10, 0, 10, TimeSpan.Zero));
        Assert.Equal((0.0, 0.0), ProgressLine.Rates(1000, 5, 1000, 5, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void The_line_shows_elapsed_rates_p99_errors_and_drops()
    {
        var line = new ProgressLine(TimeSpan.FromSeconds(12.7), Warmup: false, 498.3, 497, TimeSpan.FromMilliseconds(4.25), Errors: 2, Dropped: 5, InFlight: 3).ToString();

        Assert.Matches(@"^\s*12s run\s+sent\s+498\.3/s\s+ok\s+497\.0/s\s+p99\s+4\.25 ms\s+errors 2\s+dropped 5\s+in flight 3$", line);
        Assert.Contains("warmup", new ProgressLine(TimeSpan.FromSeconds(1), true, 0, 0, TimeSpan.Zero, 0, 0, 0).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_terminal_the_line_overwrites_itself_and_ends_with_a_newline()
    {
        var console = new TestUi(interactive: true);

        console.Ui.Progress("first line");
        console.Ui.Progress("second");
        console.Ui.EndProgress();

        Assert.Equal("\rfirst line\rsecond    " + Environment.NewLine, console.Output.ToString());
    }

    [Fact]
    public void Redirected_output_gets_one_plain_line_per_update()
    {
        var console = new TestUi(interactive: false);

        console.Ui.Progress("first");
        console.Ui.Progress("second");
        console.Ui.EndProgress();

        Assert.Equal("first" + Environment.NewLine + "second" + Environment.NewLine, console.Output.ToString());
    }
}
