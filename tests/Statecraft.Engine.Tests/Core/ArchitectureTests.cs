using Statecraft.Engine.Core;

namespace Statecraft.Engine.Tests.Core;

public sealed class ArchitectureTests
{
    [Fact]
    public void The_engine_references_no_orleans_runtime_or_io_assemblies()
    {
        var referenced = typeof(GameDecider).Assembly.GetReferencedAssemblies().Select(name => name.Name!).ToList();
        Assert.Contains("Statecraft.Abstractions", referenced);
        Assert.DoesNotContain(referenced, name => name.StartsWith("Orleans", StringComparison.Ordinal));
        Assert.DoesNotContain(referenced, name => name.StartsWith("Microsoft.Extensions", StringComparison.Ordinal));
        Assert.DoesNotContain(referenced, name => name is "System.Net.Http" or "System.IO.FileSystem" or "System.Net.Sockets");
    }

    [Fact]
    public void Every_shipped_ruleset_is_registered_under_a_distinct_id()
    {
        Assert.Equal(["oh-hell", "tictactoe"], RulesetRegistry.Default.Ids);
        Assert.Throws<ArgumentException>(() => new RulesetRegistry([new Rulesets.TicTacToe.TicTacToeRules(), new Rulesets.TicTacToe.TicTacToeRules()]));
    }
}
