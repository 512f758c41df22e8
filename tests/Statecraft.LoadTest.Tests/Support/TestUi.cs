using Statecraft.LoadTest.Reporting;

namespace Statecraft.LoadTest.Tests.Support;

/// <summary>A console that writes into strings.</summary>
internal sealed class TestUi
{
    public StringWriter Output { get; } = new();

    public StringWriter Error { get; } = new();

    public ConsoleUi Ui { get; }

    public TestUi(bool interactive = false) => Ui = new ConsoleUi(Output, Error, interactive, errorInteractive: false);
}
