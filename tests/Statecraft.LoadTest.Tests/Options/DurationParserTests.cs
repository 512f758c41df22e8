using Statecraft.LoadTest.Options;

namespace Statecraft.LoadTest.Tests.Options;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1h2m3s", 3_723_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("45", 45_000)]
    [InlineData("2.5", 2_500)]
    [InlineData("00:01:30", 90_000)]
    [InlineData(" 10S ", 10_000)]
    [InlineData("0s", 0)]
    public void Reads_what_people_type(string text, long milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("10x")]
    [InlineData("-5s")]
    [InlineData("10 s")]
    [InlineData("1m30")]
    [InlineData("forever")]
    [InlineData("99999999h")]
    public void Refuses_what_is_not_a_duration(string? text) => Assert.False(DurationParser.TryParse(text, out _));

    [Theory]
    [InlineData(30_000, "30s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(3_723_000, "1h2m3s")]
    [InlineData(250, "250ms")]
    [InlineData(1_500, "1.5s")]
    [InlineData(0, "0ms")]
    public void Formats_in_the_short_form_it_reads_back(long milliseconds, string expected)
    {
        var duration = TimeSpan.FromMilliseconds(milliseconds);

        Assert.Equal(expected, DurationParser.Format(duration));
        Assert.True(DurationParser.TryParse(expected, out var back));
        Assert.Equal(duration, back);
    }
}
